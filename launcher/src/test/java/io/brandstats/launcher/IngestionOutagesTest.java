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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the README and the contract say a client of ingestion must know about outages, shown on nodes that run only
 * a gateway and the stats service, on the shared node's database: one whose product and store services cannot be
 * reached, one whose gateway gives the stats service 1 ms to answer.
 */
@ExtendWith({VertxExtension.class, BrandstatsExtension.class})
@DisplayName("Ingestion during outages: readiness shows open breakers, and a batch answered 504 is safe to resend")
class IngestionOutagesTest {

  private static TestNode shared;
  private static Api api;
  private static Catalogue catalogue;

  @BeforeAll
  static void start(Vertx vertx, TestNode node) {
    shared = node;
    api = new Api(vertx, node);
    catalogue = new Catalogue(api);
  }

  private static JsonArray batch(long product, long store, int sales) {
    JsonArray batch = new JsonArray();
    String soldAt = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString();
    for (int i = 0; i < sales; i++) {
      batch.add(new JsonObject().put("eventId", "outage-" + UUID.randomUUID()).put("productId", product)
        .put("storeId", store).put("quantity", 1 + i).put("soldAt", soldAt));
    }
    return batch;
  }

  private static JsonArray stored(long store) {
    return api.get("/sales?limit=100&storeId=" + store).json().getJsonArray("items");
  }

  @Test
  @DisplayName("while the product circuit is open ingestion refuses with 503 and stores nothing, yet readiness is 200 and shows it OPEN")
  void readinessShowsOpenBreakers(Vertx vertx) throws Exception {
    String nobody = "http://127.0.0.1:" + TestConfig.freePort();
    try (TestNode statsAlone = TestNode.start("outage-breaker-" + ProcessHandle.current().pid(), config -> {
      config.getJsonObject("node").put("services", new JsonArray().add("gateway").add("stats"));
      shared.shareDatabase(config);
      JsonObject upstreams = config.getJsonObject("upstreams").put("retries", 0).put("maxFailures", 1)
        .put("resetTimeout", 600_000);
      upstreams.getJsonObject("brand").put("baseUrl", shared.baseUrl());
      upstreams.getJsonObject("product").put("baseUrl", nobody);
      upstreams.getJsonObject("store").put("baseUrl", nobody);
    })) {
      Api alone = new Api(vertx, statsAlone);
      long store = catalogue.store();
      JsonObject sales = new JsonObject().put("sales", batch(catalogue.product(catalogue.brand(), 10), store, 2));

      assertProblem(alone.conforms("ingestSales", alone.post("/sales", sales)), 503);
      Api.Reply refused = alone.conforms("ingestSales", alone.post("/sales", sales));
      assertProblem(refused, 503);
      assertThat(refused.header("Retry-After")).isNotBlank();

      Api.Reply ready = alone.conforms("getReadiness", alone.get("/health/ready"));
      assertThat(ready.status()).isEqualTo(200);
      JsonObject statsCheck = ready.json().getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(check -> check.getString("id").equals("stats")).findFirst().orElseThrow();
      assertThat(statsCheck.getString("status")).isEqualTo("UP");
      assertThat(statsCheck.getJsonObject("data").getJsonObject("upstreams").getJsonObject("product").getString("state"))
        .isEqualTo("OPEN");
      assertThat(stored(store)).isEmpty();
    }
  }

  @Test
  @DisplayName("a batch answered 504 may have been stored; resent with the same eventIds it is counted once, each sale a duplicate with its id")
  void timedOutBatchIsSafeToResend(Vertx vertx) throws Exception {
    try (TestNode impatient = TestNode.start("outage-504-" + ProcessHandle.current().pid(), config -> {
      config.getJsonObject("node").put("services", new JsonArray().add("gateway").add("stats"));
      config.getJsonObject("gateway").put("requestTimeout", 1);
      shared.shareDatabase(config);
      for (String owner : List.of("brand", "product", "store")) {
        config.getJsonObject("upstreams").getJsonObject(owner).put("baseUrl", shared.baseUrl());
      }
    })) {
      long store = catalogue.store();
      JsonObject sales = new JsonObject().put("sales", batch(catalogue.product(catalogue.brand(), 10), store, 3));

      Api throughImpatient = new Api(vertx, impatient);
      assertProblem(throughImpatient.conforms("ingestSales", throughImpatient.post("/sales", sales)), 504);

      long deadline = System.nanoTime() + 30_000_000_000L;
      while (stored(store).size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      JsonArray first = stored(store);
      assertThat(first).as("the batch answered 504 was stored").hasSize(3);

      JsonObject resent = api.conforms("ingestSales", api.post("/sales", sales)).json();
      assertThat(resent.getInteger("accepted")).isZero();
      assertThat(resent.getInteger("duplicates")).isEqualTo(3);
      for (int i = 0; i < 3; i++) {
        JsonObject result = resent.getJsonArray("results").getJsonObject(i);
        JsonObject sale = first.stream().map(JsonObject.class::cast)
          .filter(s -> s.getString("eventId").equals(result.getString("eventId"))).findFirst().orElseThrow();
        assertThat(result.getString("status")).isEqualTo("duplicate");
        assertThat(result.getLong("saleId")).isEqualTo(sale.getLong("id"));
      }
      assertThat(stored(store)).hasSize(3);
    }
  }
}
