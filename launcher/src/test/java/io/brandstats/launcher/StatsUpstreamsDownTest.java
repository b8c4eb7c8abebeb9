package io.brandstats.launcher;

import static io.brandstats.launcher.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Node A runs everything, but its stats service reads brands and products through node B's API. Node B
 * runs a gateway with the brand and product services on node A's databases. Stopping node B takes the
 * brand and product services away from the stats service.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("When the brand and product services are down, statistics still answer and ingestion loses nothing")
class StatsUpstreamsDownTest {

  private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);

  private static RemoteOwners nodes;
  private static Api api;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    nodes = new RemoteOwners("stats-down", List.of("brand", "product"));
    api = new Api(vertx, nodes.nodeA);
  }

  @AfterAll
  static void stop() {
    if (nodes != null) {
      nodes.close();
    }
  }

  private static JsonObject sale(String eventId, long productId, long storeId) {
    return new JsonObject().put("eventId", eventId).put("productId", productId).put("storeId", storeId)
      .put("quantity", 3).put("soldAt", DAY + "T09:30:00Z");
  }

  @Test
  @DisplayName("names come from cache marked stale, uncached names are null and unavailable, numbers intact; "
    + "cached products are accepted, an uncached one refuses the batch with 503 and nothing is stored")
  void upstreamsDown() throws Exception {
    Catalogue catalogue = new Catalogue(api);
    long known = catalogue.brand();
    long unknown = catalogue.brand();
    long knownProduct = catalogue.product(known, 10);
    long otherProduct = catalogue.product(unknown, 10);
    long neverSold = catalogue.product(known, 10);
    long store = catalogue.store();
    JsonObject first = api.post("/sales", new JsonObject().put("sales", new JsonArray()
      .add(sale("down-1", knownProduct, store)).add(sale("down-2", otherProduct, store)))).json();
    assertThat(first.getInteger("accepted")).isEqualTo(2);
    String window = "?from=" + DAY + "&to=" + DAY;
    // Accepted sales are counted once folded into the rollups (within about a second): asked for at most 10 s.
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (api.get("/stats/stores/" + store + window).json().getJsonObject("totals").getLong("orders") < 2
      && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(api.get("/stats/brands/" + known + window).json().getString("name")).isNotNull();

    nodes.stopOwners();

    JsonObject series = api.conforms("getBrandStats", api.get("/stats/brands/" + known + window)).json();
    assertThat(series.getString("name")).isNotNull();
    assertThat(series.getJsonObject("meta").getString("brand")).isEqualTo("stale");
    assertThat(series.getJsonObject("totals").getLong("units")).isEqualTo(3);

    JsonObject uncached = api.conforms("getBrandStats", api.get("/stats/brands/" + unknown + window)).json();
    assertThat(uncached.getValue("name")).isNull();
    assertThat(uncached.getJsonObject("meta").getString("brand")).isEqualTo("unavailable");
    assertThat(uncached.getJsonObject("totals").getLong("units")).isEqualTo(3);

    JsonObject top = api.conforms("getTopStats", api.get("/stats/top?dimension=brands&limit=100" + window.replace('?', '&'))).json();
    assertThat(top.getJsonObject("meta").getString("brand")).isEqualTo("unavailable");
    assertThat(top.getJsonArray("items").stream().map(JsonObject.class::cast)
      .filter(item -> item.getLong("id") == unknown).findFirst().orElseThrow().getLong("units")).isEqualTo(3);

    JsonObject cachedProduct = api.conforms("ingestSales", api.post("/sales", sale("down-3", knownProduct, store))).json();
    assertThat(cachedProduct.getInteger("accepted")).isEqualTo(1);

    Api.Reply refused = api.conforms("ingestSales", api.post("/sales", new JsonObject().put("sales", new JsonArray()
      .add(sale("down-4", knownProduct, store)).add(sale("down-5", neverSold, store)))));
    assertProblem(refused, 503);
    assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
    JsonArray stored = api.get("/sales?limit=100&storeId=" + store).json().getJsonArray("items");
    assertThat(stored.stream().map(s -> ((JsonObject) s).getString("eventId")))
      .containsExactly("down-1", "down-2", "down-3");
  }
}
