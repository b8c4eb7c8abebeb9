package io.brandstats.stats;

import static io.brandstats.common.testing.ServiceCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.testing.EmbeddedDatabase;
import io.brandstats.common.testing.ServiceCalls;
import io.brandstats.common.testing.ServiceCalls.Answer;
import io.brandstats.common.testing.ServiceCalls.Call;
import io.brandstats.config.VerticleConfigs;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stats service deployed as the launcher deploys it (stats.maxBatch set to 5), on a database of its own,
 * with fake brand, product and store services, called over the event bus as the gateway calls it. Sales are
 * sold ten minutes ago; statistics are asked for that UTC day. Each test uses ids and eventIds of its own.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The stats service")
class StatsVerticleTest {

  @RegisterExtension
  static final EmbeddedDatabase DB = new EmbeddedDatabase();

  private static final Instant SOLD_AT = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
  private static final LocalDate DAY = LocalDate.ofInstant(SOLD_AT, ZoneOffset.UTC);

  private static FakeOwners owners;
  private static ServiceCalls stats;

  @BeforeAll
  static void deploy(Vertx vertx) {
    owners = FakeOwners.deploy(vertx);
    JsonObject config = owners.config();
    // Answers are reused for as long as the names in them may be (upstreams.cacheTtl, 30 s): only invalidation
    // by a fold makes a newly counted sale show sooner.
    config.getJsonObject("stats").put("maxBatch", 5).put("answerCacheTtl", 60_000);
    await(vertx.deployVerticle(new StatsVerticle(), new DeploymentOptions()
      .setConfig(VerticleConfigs.service(config, "stats", DB.config(), new JsonObject()))));
    stats = new ServiceCalls(vertx, "stats");
  }

  @AfterEach
  void ownersAnswer() {
    owners.products.answerOk();
  }

  private static JsonObject sale(String eventId, long productId, long storeId, int quantity) {
    return new JsonObject().put("eventId", eventId).put("productId", productId).put("storeId", storeId)
      .put("quantity", quantity).put("soldAt", SOLD_AT.toString());
  }

  private static Answer ingest(JsonObject... sales) {
    return stats.call("ingestSales", new Call().body(new JsonObject().put("sales", new JsonArray(List.of((Object[]) sales)))));
  }

  private static JsonObject todayOf(String operationId, long id) {
    Answer answer = stats.call(operationId, new Call().path("id", id).query("from", DAY.toString()).query("to", DAY.toString()));
    assertThat(answer.status()).as("%s", answer.json()).isEqualTo(200);
    return answer.json();
  }

  /**
   * The statistic once it shows what the test expects: accepted sales are counted once the rollup worker has
   * folded them (every stats.rollups.foldInterval, 1 s), so it is asked again every 50 ms, for at most 10 s.
   */
  private static JsonObject eventually(String operationId, long id, Predicate<JsonObject> shows) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    JsonObject answer = todayOf(operationId, id);
    while (!shows.test(answer) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      answer = todayOf(operationId, id);
    }
    return answer;
  }

  private static List<String> listedEvents(long storeId) {
    return stats.call("listSales", new Call().query("storeId", storeId).query("limit", 100)).json().getJsonArray("items")
      .stream().map(sale -> ((JsonObject) sale).getString("eventId")).toList();
  }

  @Test
  @DisplayName("Ingested sales are answered one by one, show in the list at once and in the brand's and product's statistics once folded")
  void ingestedSalesShow() throws InterruptedException {
    owners.brand(1, "Northwind").product(11, 1, "10.00", "EUR").product(12, 1, "4.50", "EUR").store(101);
    assertThat(todayOf("getBrandStats", 1).getJsonObject("totals").getLong("units")).as("asked before").isZero();
    JsonObject discounted = sale("show-2", 12, 101, 3).put("unitPrice", 4);

    Answer answer = ingest(sale("show-1", 11, 101, 2), discounted, sale("show-3", 11, 101, 1));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().getInteger("accepted")).isEqualTo(3);
    JsonObject brand = eventually("getBrandStats", 1, stats -> stats.getJsonObject("totals").getLong("orders") == 3);
    assertThat(brand.getString("name")).isEqualTo("Northwind");
    JsonObject totals = brand.getJsonObject("totals");
    assertThat(totals.getLong("units")).isEqualTo(2 + 3 + 1);
    assertThat(new BigDecimal(totals.getValue("revenue").toString())).isEqualByComparingTo("42.00");
    assertThat(totals.getLong("orders")).isEqualTo(3);
    assertThat(todayOf("getProductStats", 12).getJsonObject("totals").getLong("units")).isEqualTo(3);
    assertThat(listedEvents(101)).containsExactly("show-1", "show-2", "show-3");
  }

  @Test
  @DisplayName("Retrying a sale answers duplicate with the stored sale's id, and it counts once")
  void retriesCountOnce() throws InterruptedException {
    owners.product(21, 2, "7.00", "EUR").store(201);
    JsonObject sale = sale("retry-1", 21, 201, 4);

    JsonObject first = stats.call("ingestSales", new Call().body(sale)).json();
    JsonObject again = stats.call("ingestSales", new Call().body(sale)).json();

    assertThat(again.getInteger("duplicates")).isEqualTo(1);
    assertThat(again.getJsonArray("results").getJsonObject(0).getLong("saleId"))
      .isEqualTo(first.getJsonArray("results").getJsonObject(0).getLong("saleId"));
    assertThat(eventually("getStoreStats", 201, answer -> answer.getJsonObject("totals").getLong("orders") > 0)
      .getJsonObject("totals").getLong("units")).isEqualTo(4);
  }

  @Test
  @DisplayName("A lone sale's problems point at its own fields: an unknown product, an archived store, a soldAt in the future")
  void loneSaleProblems() {
    owners.product(31, 3, "1.00", "EUR").store(301);
    owners.products.unknown(32);
    owners.stores.serve(new JsonObject().put("id", 302).put("name", "Closed").put("status", "archived"));
    JsonObject tomorrow = sale("lone-3", 31, 301, 1).put("soldAt", SOLD_AT.plus(1, ChronoUnit.DAYS).toString());

    for (Object[] refused : new Object[][] {
      {sale("lone-1", 32, 301, 1), "/productId"}, {sale("lone-2", 31, 302, 1), "/storeId"}, {tomorrow, "/soldAt"}}) {
      JsonObject answer = stats.call("ingestSales", new Call().body(refused[0])).json();

      JsonObject problem = answer.getJsonArray("results").getJsonObject(0).getJsonObject("problem");
      assertThat(problem.getInteger("status")).isEqualTo(422);
      assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo(refused[1]);
    }
    assertThat(listedEvents(301)).isEmpty();
  }

  @Test
  @DisplayName("A request of more than stats.maxBatch sales is a 400 naming /sales, and none of it is stored")
  void batchBound() {
    owners.product(41, 4, "1.00", "EUR").store(401);

    Answer answer = ingest(sale("max-1", 41, 401, 1), sale("max-2", 41, 401, 1), sale("max-3", 41, 401, 1),
      sale("max-4", 41, 401, 1), sale("max-5", 41, 401, 1), sale("max-6", 41, 401, 1));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/sales");
    assertThat(listedEvents(401)).isEmpty();
  }

  @Test
  @DisplayName("While the product service fails, a request needing a product it never answered is refused with 503 and nothing is stored")
  void productServiceDown() {
    owners.product(51, 5, "2.00", "EUR").store(501);
    assertThat(ingest(sale("down-1", 51, 501, 1)).json().getInteger("accepted")).isEqualTo(1);
    owners.products.answerError();

    Answer answer = ingest(sale("down-2", 51, 501, 1), sale("down-3", 52, 501, 1));

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.json().getInteger("retryAfter")).isEqualTo(5);
    assertThat(answer.json().getString("detail")).isEqualTo("The product service cannot be reached and product 52 is "
      + "not cached, so no sale of this request was stored. Retry the same request shortly.");
    assertThat(listedEvents(501)).containsExactly("down-1");
  }

  @Test
  @DisplayName("Readiness shows the database and each owner's breaker and cache counters")
  void health() {
    JsonObject health = stats.call("_health").json();

    assertThat(health.getString("database")).isEqualTo("UP");
    assertThat(health.getJsonObject("upstreams").fieldNames()).containsExactly("brand", "product", "store");
  }

  @Test
  @DisplayName("A cached filtered answer is replaced once a matching sale is folded in, well within the cache's 30 s")
  void foldInvalidatesFilteredAnswers() throws InterruptedException {
    owners.brand(7, "Seventh").product(71, 7, "5.00", "EUR").store(701, "AT", "online").store(702, "AT", "retail");
    Call online = new Call().query("from", DAY.toString()).query("to", DAY.toString()).query("country", "AT")
      .query("channel", "online");
    assertThat(ingest(sale("cache-1", 71, 701, 1)).json().getInteger("accepted")).isEqualTo(1);
    JsonObject before = eventuallySummary(online, summary -> summary.getJsonObject("totals").getLong("orders") == 1);
    assertThat(before.getJsonObject("filters")).isEqualTo(new JsonObject().put("country", "AT").put("channel", "online"));

    ingest(sale("cache-2", 71, 702, 2), sale("cache-3", 71, 701, 3));
    long asked = System.nanoTime();
    JsonObject after = eventuallySummary(online, summary -> summary.getJsonObject("totals").getLong("orders") == 2);

    assertThat(after.getJsonObject("totals").getLong("units")).as("the online sale, not the retail one").isEqualTo(1 + 3);
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - asked)).isLessThan(10);
  }

  private static JsonObject eventuallySummary(Call call, Predicate<JsonObject> shows) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    JsonObject answer = stats.call("getStatsSummary", call).json();
    while (!shows.test(answer) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      answer = stats.call("getStatsSummary", call).json();
    }
    assertThat(shows.test(answer)).as("shown within 10 s: %s", answer).isTrue();
    return answer;
  }
}
