package io.brandstats.stats.live;

import static io.brandstats.common.testing.ServiceCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.testing.EmbeddedDatabase;
import io.brandstats.common.testing.ServiceCalls;
import io.brandstats.common.testing.ServiceCalls.Call;
import io.brandstats.config.VerticleConfigs;
import io.brandstats.stats.FakeOwners;
import io.brandstats.stats.StatsVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stats service's side of live statistics, deployed as the launcher deploys it on a database of its own: what it
 * publishes after each committed ingestion, and the snapshots it answers. Sales are sold two minutes ago.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The stats service's live feed")
class LiveFeedTest {

  @RegisterExtension
  static final EmbeddedDatabase DB = new EmbeddedDatabase();

  private static final Instant SOLD_AT = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);

  private static Vertx vertx;
  private static FakeOwners owners;
  private static ServiceCalls stats;
  private static final List<JsonArray> published = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void deploy(Vertx testVertx) {
    vertx = testVertx;
    owners = FakeOwners.deploy(vertx);
    await(vertx.deployVerticle(new StatsVerticle(), new DeploymentOptions()
      .setConfig(VerticleConfigs.service(owners.config(), "stats", DB.config(), new JsonObject()))));
    stats = new ServiceCalls(vertx, "stats");
    await(vertx.eventBus().<String>consumer(AcceptedSales.ADDRESS, message -> published.add(new JsonArray(message.body())))
      .completion());
  }

  private static JsonObject sale(String eventId, long productId, int quantity) {
    return new JsonObject().put("eventId", eventId).put("productId", productId).put("storeId", 301)
      .put("quantity", quantity).put("soldAt", SOLD_AT.toString());
  }

  private static JsonObject ingest(JsonObject... sales) {
    return stats.call("ingestSales", new Call().body(new JsonObject().put("sales", new JsonArray(List.of((Object[]) sales)))))
      .json();
  }

  private static JsonArray publishedFor(long brandId) throws InterruptedException {
    Thread.sleep(300); // published right after the commit, before the answer; delivered on the event loop
    JsonArray sales = new JsonArray();
    published.forEach(message -> message.forEach(sale -> {
      if (((JsonArray) sale).getLong(2) == brandId) {
        sales.add(sale);
      }
    }));
    return sales;
  }

  private static JsonObject snapshot(JsonObject request) {
    return await(vertx.eventBus().<JsonObject>request(LiveSnapshots.ADDRESS, request)).body();
  }

  @Test
  @DisplayName("each committed batch is published once with its new sales only: a retry's duplicates are left out")
  void publishesNewSalesOnce() throws Exception {
    String category = "Zelte \"Trail\" \\ für 2";
    owners.brand(21, "Live").product(211, 21, "2.50", "EUR", category).store(301);
    JsonObject first = ingest(sale("feed-1", 211, 2), sale("feed-2", 211, 3));
    JsonObject retry = ingest(sale("feed-2", 211, 3), sale("feed-3", 211, 1));
    ingest(sale("feed-1", 211, 2));

    JsonArray sales = publishedFor(21);
    assertThat(sales).hasSize(3);
    long id1 = first.getJsonArray("results").getJsonObject(0).getLong("saleId");
    long id3 = retry.getJsonArray("results").getJsonObject(1).getLong("saleId");
    JsonArray one = sales.getJsonArray(0);
    // [id, soldAtMs, brandId, productId, storeId, category, country, channel, currency, quantity, amount]
    assertThat(one.getLong(0)).isEqualTo(id1);
    assertThat(one.getLong(1)).isEqualTo(SOLD_AT.toEpochMilli());
    assertThat(one.getLong(3)).isEqualTo(211);
    assertThat(one.getLong(4)).isEqualTo(301);
    assertThat(one.getString(5)).isEqualTo(category);
    assertThat(one.getString(6)).isEqualTo("DE");
    assertThat(one.getString(7)).isEqualTo("retail");
    assertThat(one.getString(8)).isEqualTo("EUR");
    assertThat(one.getInteger(9)).isEqualTo(2);
    assertThat(one.getString(10)).isEqualTo("5.00");
    assertThat(sales.getJsonArray(2).getLong(0)).isEqualTo(id3);
  }

  @Test
  @DisplayName("a snapshot answers the day's and the last hour's totals of its filters, its newest id, the ids it counted, and what arrived since an instant")
  void snapshotOfTheDay() throws Exception {
    owners.brand(22, "Snapshot").product(221, 22, "4.00", "EUR").product(222, 22, "9.00", "CHF").store(301);
    JsonObject before = ingest(sale("snap-1", 221, 1), sale("snap-2", 222, 2));
    long between = Instant.now().toEpochMilli();
    Thread.sleep(5);
    JsonObject after = ingest(sale("snap-3", 221, 3));

    JsonObject answer = snapshot(new JsonObject().put("filters", new JsonObject().put("brandId", 22))
      .put("receivedAfter", between));
    assertThat(answer.getString("currency")).isEqualTo("EUR");
    assertThat(answer.getString("timeZone")).isEqualTo("UTC");
    boolean today = LocalDate.ofInstant(SOLD_AT, ZoneOffset.UTC).toString().equals(answer.getString("day"));
    // [units, orders, revenue cents]: units and orders of both currencies, revenue in EUR only
    assertThat(answer.getJsonArray("today")).isEqualTo(today ? new JsonArray().add(6).add(3).add(1600) : new JsonArray().add(0).add(0).add(0));
    assertThat(answer.getJsonArray("since")).isEqualTo(today ? new JsonArray().add(3).add(1).add(1200) : new JsonArray().add(0).add(0).add(0));
    JsonArray minute = answer.getJsonArray("minutes").getJsonArray(0);
    assertThat(minute.getLong(0)).isEqualTo(SOLD_AT.getEpochSecond() / 60);
    assertThat(minute.getLong(1)).isEqualTo(6);
    assertThat(minute.getLong(2)).isEqualTo(3);
    assertThat(minute.getLong(3)).isEqualTo(1600);
    long lastId = answer.getLong("lastId");
    byte[] counted = Base64.getDecoder().decode(answer.getString("counted"));
    for (JsonObject result : List.of(before.getJsonArray("results").getJsonObject(0), before.getJsonArray("results").getJsonObject(1),
      after.getJsonArray("results").getJsonObject(0))) {
      long back = lastId - result.getLong("saleId");
      assertThat(counted[(int) (back >> 3)] & (1 << (back & 7))).as("sale %s counted", result.getLong("saleId")).isNotZero();
    }

    JsonObject francs = snapshot(new JsonObject().put("filters", new JsonObject().put("productId", 222)).put("currency", "CHF"));
    assertThat(francs.getJsonArray("minutes").getJsonArray(0).getLong(3)).isEqualTo(1800);
    JsonObject nobody = snapshot(new JsonObject().put("filters", new JsonObject().put("brandId", 99_999)));
    assertThat(nobody.getJsonArray("today")).isEqualTo(new JsonArray().add(0).add(0).add(0));
    assertThat(nobody.getJsonArray("minutes")).isEmpty();
    assertThat(nobody.getValue("asOf")).isNull();
  }
}
