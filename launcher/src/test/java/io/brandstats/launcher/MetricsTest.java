package io.brandstats.launcher;

import static io.brandstats.launcher.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.testkit.BrandstatsExtension;
import io.brandstats.testkit.TestConfig;
import io.brandstats.testkit.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GET /metrics on a real node: the series operators rely on are there, and they move with traffic. Each
 * test reads the metrics, makes requests, reads again and compares (tests of a class run one at a time).
 */
@ExtendWith({VertxExtension.class, BrandstatsExtension.class})
@DisplayName("Metrics for Prometheus at /metrics")
class MetricsTest {

  private static Api api;
  private static Catalogue catalogue;

  @BeforeAll
  static void startNode(Vertx vertx, TestNode node) {
    api = new Api(vertx, node);
    catalogue = new Catalogue(api);
  }

  @Test
  @DisplayName("/metrics answers Prometheus text as the contract declares, with HTTP, pool, breaker, cache and ingestion series")
  void namedSeries() {
    catalogue.brand();
    Api.Reply reply = api.conforms("getMetrics", api.get("/metrics"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    Scrape scrape = Scrape.of(api);
    assertThat(scrape.has("brandstats_http_server_requests_seconds_count", "route", "/brands", "method", "POST",
      "status", "201")).isTrue();
    assertThat(scrape.has("brandstats_http_server_requests_seconds_max", "route", "/brands")).isTrue();
    assertThat(scrape.has("brandstats_http_server_active_requests")).isTrue();
    // Per-message event-bus meters are off unless metrics.eventBus asks for them.
    assertThat(scrape.has("vertx_eventbus_sent_total")).isFalse();
    for (String pool : new String[] {"brand-pool", "store-pool", "product-pool", "stats-pool"}) {
      assertThat(scrape.has("vertx_pool_in_use", "pool_type", "sql", "pool_name", pool)).as(pool).isTrue();
    }
    assertThat(scrape.value("brandstats_circuit_breaker_state", "service", "product", "upstream", "brand", "state", "closed"))
      .isEqualTo(1.0);
    assertThat(scrape.value("brandstats_circuit_breaker_state", "service", "stats", "upstream", "store", "state", "open"))
      .isZero();
    assertThat(scrape.has("brandstats_circuit_breaker_transitions_total", "service", "stats", "upstream", "product")).isTrue();
    for (String family : new String[] {"brandstats_upstream_cache_hits_total", "brandstats_upstream_cache_misses_total",
      "brandstats_upstream_cache_stale_total", "brandstats_upstream_calls_total", "brandstats_upstream_failures_total"}) {
      assertThat(scrape.has(family, "service", "stats", "upstream", "product")).as(family).isTrue();
    }
    for (String outcome : new String[] {"accepted", "duplicate", "rejected"}) {
      assertThat(scrape.has("brandstats_sales_ingested_total", "outcome", outcome)).as(outcome).isTrue();
    }
    assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
  }

  @Test
  @DisplayName("HTTP requests are counted by the contract's path template and status, so ids never become series of their own")
  void httpByRouteTemplate() {
    long brand = catalogue.brand();
    Scrape before = Scrape.of(api);

    assertThat(api.get("/brands/" + brand).status()).isEqualTo(200);
    assertThat(api.get("/brands/" + brand).status()).isEqualTo(200);
    assertThat(api.get("/brands/987654321").status()).isEqualTo(404);

    Scrape after = Scrape.of(api);
    String[] ok = {"route", "/brands/{id}", "method", "GET", "status", "200"};
    String[] notFound = {"route", "/brands/{id}", "method", "GET", "status", "404"};
    assertThat(delta(before, after, "brandstats_http_server_requests_seconds_count", ok)).isEqualTo(2.0);
    assertThat(delta(before, after, "brandstats_http_server_requests_seconds_count", notFound)).isEqualTo(1.0);
    assertThat(after.samplesOf("brandstats_http_server_requests_seconds_count"))
      .noneMatch(sample -> sample.contains("/brands/" + brand))
      .noneMatch(sample -> sample.contains("987654321"));
  }

  @Test
  @DisplayName("ingested sales are counted by outcome, and the HTTP, stats pool and upstream cache counters move with them")
  void ingestionMovesTheNumbers() {
    long brand = catalogue.brand();
    long product = catalogue.product(brand, 10.00);
    long store = catalogue.store();
    String day = LocalDate.now(ZoneOffset.UTC).minusDays(3) + "T10:00:00Z";
    JsonArray sales = new JsonArray()
      .add(sale(product, store, day))
      .add(sale(product, store, day));
    Scrape before = Scrape.of(api);

    assertThat(api.post("/sales", new JsonObject().put("sales", sales)).json().getInteger("accepted")).isEqualTo(2);
    assertThat(api.post("/sales", new JsonObject().put("sales", sales)).json().getInteger("duplicates")).isEqualTo(2);
    assertThat(api.post("/sales", sale(product, 987654321L, day)).json().getInteger("rejected")).isEqualTo(1);

    Scrape after = Scrape.of(api);
    assertThat(delta(before, after, "brandstats_sales_ingested_total", "outcome", "accepted")).isEqualTo(2.0);
    assertThat(delta(before, after, "brandstats_sales_ingested_total", "outcome", "duplicate")).isEqualTo(2.0);
    assertThat(delta(before, after, "brandstats_sales_ingested_total", "outcome", "rejected")).isEqualTo(1.0);
    assertThat(delta(before, after, "brandstats_http_server_requests_seconds_count", "route", "/sales", "method", "POST",
      "status", "200")).isEqualTo(3.0);
    assertThat(delta(before, after, "vertx_pool_completed_total", "pool_type", "sql", "pool_name", "stats-pool"))
      .isGreaterThanOrEqualTo(2.0);
    // The first batch asks the product and store services once each; the second finds both in the cache.
    assertThat(delta(before, after, "brandstats_upstream_cache_misses_total", "service", "stats", "upstream", "product"))
      .isEqualTo(1.0);
    assertThat(delta(before, after, "brandstats_upstream_calls_total", "service", "stats", "upstream", "product"))
      .isEqualTo(1.0);
    assertThat(delta(before, after, "brandstats_upstream_cache_hits_total", "service", "stats", "upstream", "product"))
      .isGreaterThanOrEqualTo(2.0);
    assertThat(delta(before, after, "brandstats_upstream_cache_hits_total", "service", "stats", "upstream", "store"))
      .isGreaterThanOrEqualTo(1.0);
  }

  @Test
  @DisplayName("a node whose brand service cannot be reached shows its breaker open, the transition and the failures; other nodes' meters are their own")
  void breakerOpensOnItsOwnNode(Vertx vertx, TestNode shared) throws Exception {
    int nobody = TestConfig.freePort();
    try (TestNode lonely = TestNode.start("metrics-lonely", config -> {
      config.getJsonObject("node").put("services", new JsonArray().add("gateway").add("product"));
      shared.shareDatabase(config);
      config.getJsonObject("upstreams").put("retries", 0).put("maxFailures", 1).put("resetTimeout", 60_000)
        .getJsonObject("brand").put("baseUrl", "http://127.0.0.1:" + nobody);
    })) {
      Api lonelyApi = new Api(vertx, lonely);
      Scrape before = Scrape.of(lonelyApi);
      assertThat(before.value("brandstats_circuit_breaker_state", "service", "product", "upstream", "brand", "state", "closed"))
        .isEqualTo(1.0);

      assertProblem(lonelyApi.post("/products", ProductApiTest.product(1, "SKU-" + UUID.randomUUID())), 503);
      assertProblem(lonelyApi.post("/products", ProductApiTest.product(2, "SKU-" + UUID.randomUUID())), 503);

      Scrape after = Scrape.of(lonelyApi);
      String[] brand = {"service", "product", "upstream", "brand"};
      assertThat(after.value("brandstats_circuit_breaker_state", with(brand, "state", "open"))).isEqualTo(1.0);
      assertThat(after.value("brandstats_circuit_breaker_state", with(brand, "state", "closed"))).isZero();
      assertThat(after.value("brandstats_circuit_breaker_transitions_total", with(brand, "state", "open"))).isEqualTo(1.0);
      assertThat(after.value("brandstats_upstream_failures_total", brand)).isEqualTo(2.0);
      assertThat(after.value("brandstats_upstream_calls_total", brand)).as("the open circuit spared the second call")
        .isEqualTo(1.0);
      assertThat(Scrape.of(api).value("brandstats_circuit_breaker_state", with(brand, "state", "closed"))).isEqualTo(1.0);
    }
  }

  @Test
  @DisplayName("with metrics.enabled false, /metrics is a 404 problem and the node serves as usual")
  void metricsTurnedOff(Vertx vertx) throws Exception {
    try (TestNode quiet = TestNode.start("metrics-off", config -> {
      config.getJsonObject("node").put("services", new JsonArray().add("gateway"));
      config.getJsonObject("metrics").put("enabled", false);
    })) {
      Api quietApi = new Api(vertx, quiet);
      assertProblem(quietApi.conforms("getMetrics", quietApi.get("/metrics")), 404);
      assertThat(quietApi.get("/health/live").status()).isEqualTo(200);
    }
  }

  private static JsonObject sale(long product, long store, String soldAt) {
    return new JsonObject().put("eventId", "metrics-" + UUID.randomUUID()).put("productId", product)
      .put("storeId", store).put("quantity", 1).put("soldAt", soldAt);
  }

  private static double delta(Scrape before, Scrape after, String family, String... labels) {
    return after.value(family, labels) - before.value(family, labels);
  }

  private static String[] with(String[] labels, String name, String value) {
    String[] all = java.util.Arrays.copyOf(labels, labels.length + 2);
    all[labels.length] = name;
    all[labels.length + 1] = value;
    return all;
  }
}
