package io.brandstats.launcher;

import static io.brandstats.launcher.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.testkit.BrandstatsExtension;
import io.brandstats.testkit.TestNode;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** X-Request-Id: kept or made by the gateway, answered every time, carried to services, their calls and the logs. */
@ExtendWith({VertxExtension.class, BrandstatsExtension.class})
@DisplayName("Request ids on answers, across services and in the logs")
class RequestIdTest {

  private static final String GENERATED = "[0-9a-f]{32}";

  private static Api api;
  private static AccessLog access;

  @BeforeAll
  static void startNode(Vertx vertx, TestNode node) {
    api = new Api(vertx, node);
    access = AccessLog.capture();
  }

  @AfterAll
  static void detach() {
    if (access != null) {
      access.release();
    }
  }

  private static Api.Reply send(HttpMethod method, String uri, String requestId, JsonObject body) {
    MultiMap headers = Api.json();
    if (requestId != null) {
      headers.add("X-Request-Id", requestId);
    }
    return api.send(method, uri, headers, body == null ? null : body.toBuffer());
  }

  @Test
  @DisplayName("the client's request id comes back on a success, on a problem+json error, and on 404, 405 and 413")
  void clientIdComesBack() {
    String id = "client-" + UUID.randomUUID();
    Api.Reply created = send(HttpMethod.POST, "/brands", id,
      new JsonObject().put("name", "Brand " + UUID.randomUUID()).put("country", "DE"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("X-Request-Id")).isEqualTo(id);

    Api.Reply invalid = send(HttpMethod.POST, "/brands", "bad-body-1", new JsonObject().put("name", "").put("country", "de"));
    assertProblem(invalid, 400);
    assertThat(invalid.header("X-Request-Id")).isEqualTo("bad-body-1");

    Api.Reply missing = send(HttpMethod.GET, "/brands/987654321", "missing-1", null);
    assertProblem(missing, 404);
    assertThat(missing.header("X-Request-Id")).isEqualTo("missing-1");

    Api.Reply nowhere = send(HttpMethod.GET, "/no/such/path", "nowhere-1", null);
    assertProblem(nowhere, 404);
    assertThat(nowhere.header("X-Request-Id")).isEqualTo("nowhere-1");

    Api.Reply notAllowed = send(HttpMethod.PATCH, "/brands", "patch-1", null);
    assertProblem(notAllowed, 405);
    assertThat(notAllowed.header("X-Request-Id")).isEqualTo("patch-1");

    Api.Reply tooLarge = send(HttpMethod.POST, "/brands", "large-1", new JsonObject().put("name", "x".repeat(1_100_000)));
    assertProblem(tooLarge, 413);
    assertThat(tooLarge.header("X-Request-Id")).isEqualTo("large-1");
  }

  @Test
  @DisplayName("without a request id each answer gets a new one")
  void generatedWhenAbsent() {
    String first = send(HttpMethod.GET, "/health/live", null, null).header("X-Request-Id");
    String second = send(HttpMethod.GET, "/brands?limit=1", null, null).header("X-Request-Id");
    assertThat(first).matches(GENERATED);
    assertThat(second).matches(GENERATED).isNotEqualTo(first);
  }

  @Test
  @DisplayName("a malformed request id (spaces, quotes, over 128 characters) is replaced, never echoed")
  void malformedReplaced() {
    for (String malformed : new String[] {"has spaces", "quote\"d", "x".repeat(129), "semi;colon"}) {
      Api.Reply reply = send(HttpMethod.GET, "/health/live", malformed, null);
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.header("X-Request-Id")).as(malformed).matches(GENERATED);
    }
    String longest = "y".repeat(128);
    assertThat(send(HttpMethod.GET, "/health/live", longest, null).header("X-Request-Id")).isEqualTo(longest);
  }

  @Test
  @DisplayName("creating a product: the product service's brand lookup reaches the gateway with the client's request id")
  void idTravelsThroughTheUpstreamCall() throws Exception {
    long brand = ProductApiTest.brand(api);
    String id = "trace-" + UUID.randomUUID();

    Api.Reply created = send(HttpMethod.POST, "/products", id, ProductApiTest.product(brand, "SKU-" + UUID.randomUUID()));

    assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
    assertThat(created.header("X-Request-Id")).isEqualTo(id);
    assertThat(access.requestIdOf("GET /brands/" + brand + " 200")).as("the product service's call to the brand API")
      .isEqualTo(id);
    assertThat(access.requestIdOf("POST /products 201")).isEqualTo(id);
  }
}
