package io.brandstats.product;

import static io.brandstats.common.testing.ServiceCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.auth.JwtKeys;
import io.brandstats.common.testing.EmbeddedDatabase;
import io.brandstats.common.testing.FakeUpstream;
import io.brandstats.common.testing.ServiceCalls;
import io.brandstats.common.testing.ServiceCalls.Answer;
import io.brandstats.common.testing.ServiceCalls.Call;
import io.brandstats.config.ConfigLoader;
import io.brandstats.config.VerticleConfigs;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The product service deployed as the launcher deploys it, on a database of its own, reading brands from a
 * fake brand service over HTTP. Brand lookups are never answered from cache within a TTL here (cacheTtl 0),
 * so every check asks the fake, and a failing fake shows what is kept past the TTL. Each test uses brand ids
 * and SKUs no other test uses.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The product service")
class ProductVerticleTest {

  @RegisterExtension
  static final EmbeddedDatabase DB = new EmbeddedDatabase();

  private static final String SECRET = "product-service-test-secret-of-32-chars-or-more";

  private static FakeUpstream brandService;
  private static ServiceCalls products;

  @BeforeAll
  static void deploy(Vertx vertx) {
    brandService = new FakeUpstream("brands");
    await(vertx.deployVerticle(brandService));
    JsonObject defaults = ConfigLoader.defaults();
    JsonObject upstreams = defaults.getJsonObject("upstreams").put("cacheTtl", 0);
    upstreams.getJsonObject("brand").put("baseUrl", brandService.baseUrl());
    JsonObject serviceAuth = new JsonObject().put("signingKey", JwtKeys.key("test", "HS256", SECRET))
      .put("roleClaim", "roles").put("tokenTtl", 60);
    JsonObject config = VerticleConfigs.service(defaults, "product", DB.config(), serviceAuth);
    await(vertx.deployVerticle(new ProductVerticle(), new DeploymentOptions().setConfig(config)));
    products = new ServiceCalls(vertx, "product");
  }

  @AfterEach
  void brandServiceAnswersAgain() {
    brandService.answerOk();
  }

  private static JsonObject brand(long id, String status) {
    return new JsonObject().put("id", id).put("name", "Brand " + id).put("status", status);
  }

  private static JsonObject product(long brandId, String sku, String price) {
    return new JsonObject().put("brandId", brandId).put("sku", sku).put("name", "Product " + sku)
      .put("category", "shoes").put("price", new BigDecimal(price)).put("currency", "EUR");
  }

  private static Answer create(JsonObject product) {
    return products.call("createProduct", new Call().body(product));
  }

  private static long brandCalls(long brandId) {
    return brandService.requests().stream().filter(request -> request.path().equals("/brands/" + brandId)).count();
  }

  private static int listed(long brandId) {
    return products.call("listProducts", new Call().query("brandId", brandId).query("limit", 100)).json()
      .getJsonArray("items").size();
  }

  @Test
  @DisplayName("A product of an active brand is created after asking the brand service, its price kept to the cent")
  void createsForActiveBrand() {
    brandService.serve(brand(1, "active"));

    Answer created = create(product(1, "ACT-1", "12.5"));

    assertThat(created.status()).as("%s", created.json()).isEqualTo(201);
    assertThat(brandCalls(1)).isEqualTo(1);
    JsonObject read = products.call("getProduct", new Call().path("id", created.json().getLong("id"))).json();
    assertThat(read).isEqualTo(created.json());
    assertThat(new BigDecimal(read.getValue("price").toString())).isEqualByComparingTo("12.50");
    assertThat(read.getLong("brandId")).isEqualTo(1);
  }

  @Test
  @DisplayName("A brand the brand service does not know, or an archived one, is a 422 naming /brandId, and nothing is written")
  void refusesUnknownOrArchivedBrand() {
    brandService.unknown(2).serve(brand(3, "archived"));

    Answer unknown = create(product(2, "UNK-1", "10"));
    Answer archived = create(product(3, "ARC-1", "10"));

    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().getString("detail")).isEqualTo("There is no brand 2.");
    assertThat(archived.status()).isEqualTo(422);
    assertThat(archived.json().getString("detail")).contains("archived");
    for (Answer refused : new Answer[] {unknown, archived}) {
      assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/brandId");
    }
    assertThat(listed(2) + listed(3)).isZero();
  }

  @Test
  @DisplayName("While the brand service fails, a brand it answered before is used; an unseen one is a 503 and nothing is written")
  void brandServiceDown() {
    brandService.serve(brand(4, "active"));
    assertThat(create(product(4, "DOWN-1", "10")).status()).isEqualTo(201);
    brandService.answerError();

    Answer known = create(product(4, "DOWN-2", "10"));
    Answer unseen = create(product(5, "DOWN-3", "10"));

    assertThat(known.status()).as("%s", known.json()).isEqualTo(201);
    assertThat(unseen.status()).isEqualTo(503);
    assertThat(unseen.json().getInteger("retryAfter")).as("one breaker reset, upstreams.resetTimeout").isEqualTo(5);
    assertThat(unseen.json().getString("detail")).isEqualTo("The brand service cannot be reached and brand 5 is not "
      + "cached, so the product was not written. Retry the same request shortly.");
    assertThat(listed(4)).isEqualTo(2);
    assertThat(listed(5)).isZero();
  }

  @Test
  @DisplayName("An update keeping its brand is not checked again, even once that brand is archived; moving to an archived brand is a 422")
  void onlyANewBrandIsChecked() {
    brandService.serve(brand(6, "active")).serve(brand(7, "archived"));
    long id = create(product(6, "KEEP-1", "10")).json().getLong("id");
    brandService.serve(brand(6, "archived"));
    long callsBefore = brandCalls(6);

    Answer renamed = products.call("updateProduct", new Call().path("id", id).body(product(6, "KEEP-1", "11")));
    Answer moved = products.call("updateProduct", new Call().path("id", id).body(product(7, "KEEP-1", "11")));

    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.header("ETag")).isEqualTo("\"2\"");
    assertThat(brandCalls(6)).as("the kept brand is not asked about").isEqualTo(callsBefore);
    assertThat(moved.status()).isEqualTo(422);
    assertThat(products.call("getProduct", new Call().path("id", id)).json().getLong("brandId")).isEqualTo(6);
  }

  @Test
  @DisplayName("A stale If-Match or a missing product is answered (412, 404) before the brand service is asked")
  void preconditionsComeFirst() {
    brandService.serve(brand(8, "active"));
    long id = create(product(8, "PRE-1", "10")).json().getLong("id");

    Answer stale = products.call("updateProduct", new Call().path("id", id).header("if-match", "\"9\"")
      .body(product(9, "PRE-1", "10")));
    Answer missing = products.call("updateProduct", new Call().path("id", id + 1000).body(product(9, "PRE-2", "10")));

    assertThat(stale.status()).isEqualTo(412);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(brandCalls(9)).isZero();
  }

  @Test
  @DisplayName("A price with fractions of a cent is a 400 naming /price; a SKU is unique in any letter case (409 naming /sku)")
  void priceAndSkuChecks() {
    brandService.serve(brand(10, "active"));
    assertThat(create(product(10, "SKU-1", "10")).status()).isEqualTo(201);

    Answer fraction = create(product(10, "SKU-2", "10.005"));
    Answer taken = create(product(10, "sku-1", "10"));

    assertThat(fraction.status()).isEqualTo(400);
    assertThat(fraction.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/price");
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/sku");
    assertThat(listed(10)).isEqualTo(1);
  }

  @Test
  @DisplayName("Calls to the brand service carry this service's token: subject service:product, role service")
  void callsCarryServiceToken() {
    brandService.serve(brand(11, "active"));
    create(product(11, "TOK-1", "10"));

    String authorization = brandService.requests().stream().filter(r -> r.path().equals("/brands/11"))
      .findFirst().orElseThrow().authorization();

    assertThat(authorization).startsWith("Bearer ");
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(authorization.split("\\.")[1]),
      StandardCharsets.UTF_8));
    assertThat(claims.getString("sub")).isEqualTo("service:product");
    assertThat(claims.getJsonArray("roles")).containsExactly("service");
  }

  @Test
  @DisplayName("Readiness shows the database, and the brand upstream's counters match the calls the brand service saw")
  void health() {
    brandService.serve(brand(12, "active"));
    create(product(12, "HEALTH-1", "10"));

    JsonObject health = products.call("_health").json();

    assertThat(health.getString("database")).isEqualTo("UP");
    JsonObject brandUpstream = health.getJsonObject("upstreams").getJsonObject("brand");
    assertThat(brandUpstream.getLong("upstreamCalls")).isEqualTo(brandService.requestCount()).isPositive();
    assertThat(brandUpstream.getString("state")).isEqualTo("CLOSED");
  }
}
