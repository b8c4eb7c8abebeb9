package io.brandstats.gateway;

import static io.brandstats.gateway.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A gateway serving brand and store, with a brand service that answers (and misbehaves) on the event bus and
 * no store service anywhere. The service echoes what it received, so forwarding is checked on its side too.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Operations reach the service the contract names, and its answers come back as they are")
class ForwardingTest {

  /** How long the gateway waits for a service here (gateway.requestTimeout): short, so a silent one is quick. */
  private static final int REQUEST_TIMEOUT_MS = 300;

  private static TestGateway gateway;
  private static String writer;

  @BeforeAll
  static void deploy(Vertx vertx) {
    FakeBrandService.bind(vertx);
    JsonObject config = TestGateway.config();
    config.getJsonObject("gateway").put("requestTimeout", REQUEST_TIMEOUT_MS);
    gateway = TestGateway.deploy(vertx, config, List.of("brand", "store"));
    writer = gateway.bearer(List.of("writer"));
  }

  @Test
  @DisplayName("path and query parameters arrive validated, with the contract's types, each decoded exactly once")
  void forwardsTypedParameters() {
    JsonObject received = gateway.get("/brands?limit=5&country=DE&q=100%25%20Cotton").json().getJsonObject("received");

    assertThat(received.getJsonObject("query").getValue("limit")).isEqualTo(5);
    assertThat(received.getJsonObject("query").getString("country")).isEqualTo("DE");
    assertThat(received.getJsonObject("query").getString("q")).isEqualTo("100% Cotton");

    JsonObject path = gateway.get("/brands/42").json().getJsonObject("received").getJsonObject("path");
    assertThat(path.getValue("id")).isInstanceOf(Number.class);
    assertThat(path.getLong("id")).isEqualTo(42L);
  }

  @Test
  @DisplayName("a string parameter that looks like a number stays the string the client sent")
  void stringStaysString() {
    JsonObject query = gateway.get("/brands?q=1.5").json().getJsonObject("received").getJsonObject("query");
    assertThat(query.getValue("q")).isEqualTo("1.5");
  }

  @Test
  @DisplayName("a create carries its body to the service and returns 201 with the service's Location and ETag")
  void createPassesBodyAndHeaders() {
    TestGateway.Reply created = gateway.sendJson(HttpMethod.POST, "/brands", writer,
      new JsonObject().put("name", "Northwind").put("country", "DE").encode());

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/brands/7");
    assertThat(created.header("ETag")).isEqualTo("\"1\"");
    assertThat(created.header("Content-Type")).isEqualTo("application/json");
    assertThat(created.json().getJsonObject("received").getJsonObject("body"))
      .isEqualTo(new JsonObject().put("name", "Northwind").put("country", "DE"));
  }

  @Test
  @DisplayName("If-Match reaches the service verbatim, weak and list forms included")
  void ifMatchVerbatim() {
    String ifMatch = "W/\"1\", \"2\"";
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Authorization", writer)
      .add("Content-Type", "application/json").add("If-Match", ifMatch);
    TestGateway.Reply updated = gateway.send(HttpMethod.PUT, "/brands/9", headers,
      new JsonObject().put("name", "Northwind").put("country", "AT").toBuffer());

    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().getJsonObject("received").getJsonObject("headers").getString("if-match")).isEqualTo(ifMatch);
  }

  @Test
  @DisplayName("an answer without a body (204) comes back without one")
  void noContent() {
    TestGateway.Reply archived = gateway.send(HttpMethod.DELETE, "/brands/9",
      MultiMap.caseInsensitiveMultiMap().add("Authorization", writer), null);
    assertThat(archived.status()).isEqualTo(204);
    assertThat(archived.text()).isEmpty();
  }

  @Test
  @DisplayName("the client's X-Request-Id reaches the service and comes back on the answer")
  void requestIdTravels() {
    TestGateway.Reply reply = gateway.send(HttpMethod.GET, "/brands/42",
      MultiMap.caseInsensitiveMultiMap().add("X-Request-Id", "trace-forwarding-1"), null);
    assertThat(reply.header("X-Request-Id")).isEqualTo("trace-forwarding-1");
    assertThat(reply.json().getString("requestId")).isEqualTo("trace-forwarding-1");
  }

  @Test
  @DisplayName("a service's problem passes through with its status and detail")
  void serviceProblemPassesThrough() {
    JsonObject problem = assertProblem(gateway.get("/brands/" + FakeBrandService.MISSING), 404);
    assertThat(problem.getString("detail")).isEqualTo("There is no brand " + FakeBrandService.MISSING + ".");
  }

  @Test
  @DisplayName("a service that fails unexpectedly is a 500 problem that tells nothing of its internals")
  void serviceFailureIsOpaque() {
    TestGateway.Reply reply = gateway.get("/brands/" + FakeBrandService.BROKEN);
    assertProblem(reply, 500);
    assertThat(reply.text()).doesNotContain("db-7.internal");
  }

  @Test
  @DisplayName("an operation whose service runs nowhere is a 503 with Retry-After")
  void serviceDeployedNowhere() {
    TestGateway.Reply reply = gateway.get("/stores");
    JsonObject problem = assertProblem(reply, 503);
    assertThat(reply.header("Retry-After")).isEqualTo("5");
    assertThat(problem.getInteger("retryAfter")).isEqualTo(5);
  }

  @Test
  @DisplayName("a service that does not answer within gateway.requestTimeout is a 504")
  void serviceTooSlow() {
    assertProblem(gateway.get("/brands/" + FakeBrandService.SILENT), 504);
  }
}
