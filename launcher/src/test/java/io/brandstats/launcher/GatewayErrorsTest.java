package io.brandstats.launcher;

import static io.brandstats.launcher.Problems.assertFieldError;
import static io.brandstats.launcher.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.brandstats.testkit.BrandstatsExtension;
import io.brandstats.testkit.TestNode;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

@ExtendWith({VertxExtension.class, BrandstatsExtension.class})
@DisplayName("The gateway turns every bad request into a problem+json answer and logs no stack trace")
class GatewayErrorsTest {

  private static Api api;
  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

  @BeforeAll
  static void startNode(Vertx vertx, TestNode node) {
    api = new Api(vertx, node);
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOGS);
    LOGS.start();
  }

  @AfterAll
  static void detachLogs() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
  }

  @AfterEach
  void nothingLoggedAsAnError() {
    assertThat(LOGS.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
      .as("warnings and errors logged while answering client errors")
      .isEmpty();
    LOGS.list.clear();
  }

  @Test
  @DisplayName("a path parameter of the wrong type is a 400 naming it")
  void badPathParameter() {
    assertFieldError(assertProblem(api.conforms("getBrand", api.get("/brands/abc")), 400), "path", "id");
  }

  @Test
  @DisplayName("a query parameter out of range is a 400 naming it")
  void badQueryParameter() {
    assertFieldError(assertProblem(api.conforms("listBrands", api.get("/brands?limit=0")), 400), "query", "limit");
    assertFieldError(assertProblem(api.get("/brands?country=germany"), 400), "query", "country");
  }

  @Test
  @DisplayName("a body missing a required field, with an unknown field, or with a bad value is a 400 naming each field")
  void badBody() {
    JsonObject missing = assertProblem(api.conforms("createBrand",
      api.post("/brands", new JsonObject().put("country", "DE"))), 400);
    assertFieldError(missing, "body", "/name");

    JsonObject unknown = assertProblem(api.post("/brands",
      new JsonObject().put("name", "Unknown field").put("country", "DE").put("founded", 1970)), 400);
    assertFieldError(unknown, "body", "/founded");

    JsonObject invalid = assertProblem(api.post("/brands",
      new JsonObject().put("name", "").put("country", "de").put("website", "ftp://x")), 400);
    assertFieldError(invalid, "body", "/name");
    assertFieldError(invalid, "body", "/country");
    assertFieldError(invalid, "body", "/website");
    assertThat(invalid.getJsonArray("errors")).as("one message per field").hasSize(3);
  }

  @Test
  @DisplayName("a URL that is not correctly percent-encoded is a 400, never a 500")
  void badPercentEncoding() {
    assertFieldError(assertProblem(api.get("/brands?q=%zz"), 400), "query", "");
    assertFieldError(assertProblem(api.get("/brands/%zz"), 400), "path", "");
  }

  @Test
  @DisplayName("malformed JSON is a 400")
  void malformedJson() {
    Api.Reply reply = api.send(HttpMethod.POST, "/brands", Api.json(), Buffer.buffer("{\"name\": \"Half"));
    assertFieldError(assertProblem(reply, 400), "body", "");
  }

  @Test
  @DisplayName("a body that is not JSON is a 415")
  void notJson() {
    Api.Reply reply = api.send(HttpMethod.POST, "/brands",
      MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/plain"), Buffer.buffer("name=Acme"));
    assertProblem(api.conforms("createBrand", reply), 415);
  }

  @Test
  @DisplayName("a body over the configured limit (1 MiB by default) is a 413")
  void tooLarge() {
    String padding = "x".repeat(1_100_000);
    Api.Reply reply = api.post("/brands", new JsonObject().put("name", padding).put("country", "DE"));
    assertProblem(api.conforms("createBrand", reply), 413);
  }

  @Test
  @DisplayName("a path the contract does not have is a 404")
  void unknownPath() {
    assertProblem(api.get("/brandz"), 404);
  }

  @Test
  @DisplayName("a method the contract does not allow on a path is a 405 with an Allow header")
  void methodNotAllowed() {
    Api.Reply reply = api.send(HttpMethod.PATCH, "/brands/1", Api.json(), Buffer.buffer("{}"));
    assertProblem(reply, 405);
    assertThat(reply.header("Allow")).contains("GET", "PUT", "DELETE").doesNotContain("PATCH");
  }

  @Test
  @DisplayName("the contract itself is served at /openapi.yaml")
  void servesContract() {
    Api.Reply reply = api.get("/openapi.yaml");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("text/plain");
    assertThat(reply.bodyText()).startsWith("openapi: 3.1.0").contains("application/problem+json");
  }

  @Test
  @DisplayName("liveness is UP, and readiness is UP with the brand service's database answering and names this node's services")
  void health() {
    Api.Reply live = api.conforms("getLiveness", api.get("/health/live"));
    assertThat(live.json().getString("status")).isEqualTo("UP");

    Api.Reply ready = api.conforms("getReadiness", api.get("/health/ready"));
    assertThat(ready.status()).isEqualTo(200);
    JsonObject check = ready.json().getJsonArray("checks").getJsonObject(0);
    assertThat(check.getString("id")).isEqualTo("brand");
    assertThat(check.getString("status")).isEqualTo("UP");
    JsonObject node = ready.json().getJsonObject("node");
    assertThat(node.getBoolean("clustered")).isFalse();
    assertThat(node.getJsonArray("services")).contains("gateway", "brand", "store", "product", "stats");
  }
}
