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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests the contract refuses never reach a service: here the brand service is deployed nowhere, so any
 * request that got past the gateway would be a 503, and every answer below is the gateway's own.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Requests the contract refuses are problem+json 4xx naming what is wrong")
class ContractViolationsTest {

  /** http.bodyLimit here: small, so a body over it is cheap to send. */
  private static final int BODY_LIMIT = 2048;

  private static TestGateway gateway;
  private static String writer;

  @BeforeAll
  static void deploy(Vertx vertx) {
    JsonObject config = TestGateway.config();
    config.getJsonObject("http").put("bodyLimit", BODY_LIMIT);
    gateway = TestGateway.deploy(vertx, config, List.of("brand"));
    writer = gateway.bearer(List.of("writer"));
  }

  private static TestGateway.Reply create(String json) {
    return gateway.sendJson(HttpMethod.POST, "/brands", writer, json);
  }

  @Test
  @DisplayName("a path or query parameter off its schema is a 400 naming it")
  void badParameters() {
    assertNames(assertProblem(gateway.get("/brands/abc"), 400), "path", "id");
    assertNames(assertProblem(gateway.get("/brands?limit=0"), 400), "query", "limit");
    assertNames(assertProblem(gateway.get("/brands?status=deleted"), 400), "query", "status");
  }

  @Test
  @DisplayName("a body missing a required field, with an unknown one and a bad value is one 400 naming each once")
  void badBody() {
    JsonObject problem = assertProblem(create(new JsonObject().put("country", "de").put("founded", 1970).encode()), 400);
    assertNames(problem, "body", "/name");
    assertNames(problem, "body", "/country");
    assertNames(problem, "body", "/founded");
    assertThat(problem.getJsonArray("errors")).hasSize(3);
  }

  @Test
  @DisplayName("a body that is not well-formed JSON is a 400 about the whole body")
  void malformedJson() {
    assertNames(assertProblem(create("{\"name\": \"Half"), 400), "body", "");
  }

  @Test
  @DisplayName("a body that is not JSON is a 415")
  void notJson() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Authorization", writer).add("Content-Type", "text/plain");
    assertProblem(gateway.send(HttpMethod.POST, "/brands", headers, Buffer.buffer("name=Acme")), 415);
  }

  @Test
  @DisplayName("a body over http.bodyLimit is a 413, before anything reads it")
  void bodyTooLarge() {
    String name = "x".repeat(BODY_LIMIT);
    assertProblem(create(new JsonObject().put("name", name).put("country", "DE").encode()), 413);
  }

  @Test
  @DisplayName("a URL that is not correctly percent-encoded is a 400 saying where")
  void badPercentEncoding() {
    assertNames(assertProblem(gateway.get("/brands?q=%zz"), 400), "query", "");
    assertNames(assertProblem(gateway.get("/brands/%zz"), 400), "path", "");
  }

  @Test
  @DisplayName("a path the contract does not have is a 404 problem")
  void unknownPath() {
    assertThat(assertProblem(gateway.get("/brandz/1"), 404).getString("detail")).contains("/brandz/1");
  }

  @Test
  @DisplayName("a method the path does not take is a 405 whose Allow lists the contract's methods for it")
  void methodNotAllowed() {
    TestGateway.Reply onItem = gateway.send(HttpMethod.PATCH, "/brands/1", MultiMap.caseInsensitiveMultiMap(), null);
    assertProblem(onItem, 405);
    assertThat(onItem.header("Allow").split(", ")).containsExactlyInAnyOrder("GET", "PUT", "DELETE");

    TestGateway.Reply onList = gateway.send(HttpMethod.DELETE, "/brands", MultiMap.caseInsensitiveMultiMap(), null);
    assertProblem(onList, 405);
    assertThat(onList.header("Allow").split(", ")).containsExactlyInAnyOrder("GET", "POST");
  }
}
