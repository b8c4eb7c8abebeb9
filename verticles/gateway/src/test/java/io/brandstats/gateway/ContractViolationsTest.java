package io.brandstats.gateway;

import static io.brandstats.gateway.ProblemAssertions.assertNames;
import static io.brandstats.gateway.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests the contract refuses never reach a service: the brand service runs nowhere here, so a request
 * that got past the gateway would be a 503, and every answer below is the gateway's own. Each refusal is
 * one row: what is sent, the status, and the fields the problem names ({@code in field}).
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Requests the contract refuses are problem+json 4xx naming what is wrong")
class ContractViolationsTest {

  /** http.bodyLimit here: small, so a body over it is cheap to send. */
  private static final int BODY_LIMIT = 2048;
  private static final String JSON = "application/json";

  private static TestGateway gateway;

  /** One refused request and what the answer must say. */
  private record Refusal(String what, HttpMethod method, String uri, String contentType, String body, int status,
                         List<String> named) {

    static Refusal get(String what, String uri, int status, String... named) {
      return new Refusal(what, HttpMethod.GET, uri, null, null, status, List.of(named));
    }

    static Refusal create(String what, String contentType, String body, int status, String... named) {
      return new Refusal(what, HttpMethod.POST, "/brands", contentType, body, status, List.of(named));
    }
  }

  @BeforeAll
  static void deploy(Vertx vertx) {
    JsonObject config = TestGateway.config();
    config.getJsonObject("http").put("bodyLimit", BODY_LIMIT);
    gateway = TestGateway.deploy(vertx, config, List.of("brand"));
  }

  private static Stream<Refusal> refusals() {
    String tooLarge = new JsonObject().put("name", "x".repeat(BODY_LIMIT)).put("country", "DE").encode();
    return Stream.of(
      Refusal.get("a path parameter of the wrong type", "/brands/abc", 400, "path id"),
      Refusal.get("a query parameter under its minimum", "/brands?limit=0", 400, "query limit"),
      Refusal.get("a query parameter outside its enum", "/brands?status=deleted", 400, "query status"),
      Refusal.get("a query that is not correctly percent-encoded", "/brands?q=%zz", 400, "query "),
      Refusal.get("a path that is not correctly percent-encoded", "/brands/%zz", 400, "path "),
      Refusal.create("a body missing a field, with a bad value and an unknown one: each named once", JSON,
        new JsonObject().put("country", "de").put("founded", 1970).encode(), 400, "body /name", "body /country",
        "body /founded"),
      Refusal.create("a body that is not well-formed JSON", JSON, "{\"name\": \"Half", 400, "body "),
      Refusal.create("a body that is not JSON at all", "text/plain", "name=Acme", 415),
      Refusal.create("a body over http.bodyLimit, refused before it is read", JSON, tooLarge, 413));
  }

  @TestFactory
  @DisplayName("each refused request gets its status, and a problem naming each failing field")
  Stream<DynamicTest> refusedRequests() {
    String writer = gateway.bearer(List.of("writer"));
    return refusals().map(refusal -> DynamicTest.dynamicTest(refusal.what(), () -> {
      MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Authorization", writer);
      if (refusal.contentType() != null) {
        headers.add("Content-Type", refusal.contentType());
      }
      Buffer body = refusal.body() == null ? null : Buffer.buffer(refusal.body());
      JsonObject problem = assertProblem(gateway.send(refusal.method(), refusal.uri(), headers, body), refusal.status());
      for (String named : refusal.named()) {
        String[] inAndField = named.split(" ", -1);
        assertNames(problem, inAndField[0], inAndField[1]);
      }
      if (!refusal.named().isEmpty()) {
        assertThat(problem.getJsonArray("errors")).as("one error per field").hasSize(refusal.named().size());
      }
    }));
  }

  @Test
  @DisplayName("a path the contract does not have is a 404 problem saying which")
  void unknownPath() {
    assertThat(assertProblem(gateway.get("/brandz/1"), 404).getString("detail")).contains("/brandz/1");
  }

  @Test
  @DisplayName("a method the path does not take is a 405 whose Allow lists the contract's methods for that path, HEAD wherever GET is")
  void methodNotAllowed() {
    TestGateway.Reply onItem = gateway.send(HttpMethod.PATCH, "/brands/1", MultiMap.caseInsensitiveMultiMap(), null);
    assertProblem(onItem, 405);
    assertThat(onItem.header("Allow").split(", ")).containsExactlyInAnyOrder("GET", "HEAD", "PUT", "DELETE");

    TestGateway.Reply onList = gateway.send(HttpMethod.DELETE, "/brands", MultiMap.caseInsensitiveMultiMap(), null);
    assertProblem(onList, 405);
    assertThat(onList.header("Allow").split(", ")).containsExactlyInAnyOrder("GET", "HEAD", "POST");
  }
}
