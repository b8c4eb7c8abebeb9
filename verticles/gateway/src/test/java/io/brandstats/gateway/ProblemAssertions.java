package io.brandstats.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;

/** What every error answer of the gateway is: RFC 9457 problem+json with its status, an id, and nothing internal. */
final class ProblemAssertions {

  private ProblemAssertions() {
  }

  static JsonObject assertProblem(TestGateway.Reply reply, int status) {
    assertThat(reply.status()).as("status of %s", reply.text()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.header("X-Request-Id")).as("X-Request-Id").isNotBlank();
    JsonObject problem = reply.json();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
    assertThat(reply.text()).doesNotContain("Exception", "\tat ", "io.vertx", "io.brandstats");
    return problem;
  }

  /** The problem names this field among its errors, and says what is wrong with it. */
  static void assertNames(JsonObject problem, String in, String field) {
    assertThat(problem.getJsonArray("errors")).as("errors of %s", problem.encode()).isNotNull()
      .anySatisfy(error -> {
        JsonObject named = (JsonObject) error;
        assertThat(named.getString("in")).isEqualTo(in);
        assertThat(named.getString("field")).isEqualTo(field);
        assertThat(named.getString("detail")).isNotBlank();
      });
  }
}
