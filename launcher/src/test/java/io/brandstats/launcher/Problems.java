package io.brandstats.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;

/** What every error answer must be: RFC 9457 problem+json with the status, and nothing internal. */
final class Problems {

  private Problems() {
  }

  static JsonObject assertProblem(Api.Reply reply, int status) {
    assertThat(reply.status()).as("status of %s", reply.bodyText()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = reply.json();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
    assertThat(reply.bodyText()).doesNotContain("Exception", "\tat ", "io.vertx", "io.brandstats", "SQL");
    return problem;
  }

  /** The problem names this field (in body, path, query or header) among its errors. */
  static void assertFieldError(JsonObject problem, String in, String field) {
    assertThat(problem.getJsonArray("errors"))
      .as("errors of %s", problem.encode())
      .isNotNull()
      .anySatisfy(error -> {
        JsonObject e = (JsonObject) error;
        assertThat(e.getString("in")).isEqualTo(in);
        assertThat(e.getString("field")).isEqualTo(field);
        assertThat(e.getString("detail")).isNotBlank();
      });
  }
}
