package io.brandstats.launcher;

import static io.brandstats.launcher.Problems.assertFieldError;
import static io.brandstats.launcher.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.testkit.BrandstatsExtension;
import io.brandstats.testkit.TestNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, BrandstatsExtension.class})
@DisplayName("Sales ingestion and statistics, through the gateway on the embedded database")
class SalesAndStatsTest {

  private static Api api;
  private static Catalogue catalogue;

  /**
   * "Now" for these tests: ten minutes ago, so a sale "today" is never in the future, whatever the time of
   * day the tests run at. A sale on another day is sold at the same time of day.
   */
  private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);
  private static final LocalDate TODAY = NOW.toLocalDate();

  @BeforeAll
  static void startNode(Vertx vertx, TestNode node) {
    api = new Api(vertx, node);
    catalogue = new Catalogue(api);
  }

  private static JsonObject sale(String eventId, long productId, long storeId, int quantity, LocalDate day) {
    return new JsonObject().put("eventId", eventId).put("productId", productId).put("storeId", storeId)
      .put("quantity", quantity).put("soldAt", day.atTime(NOW.toLocalTime()).atOffset(ZoneOffset.UTC).toString());
  }

  private static JsonObject ingest(JsonArray sales) {
    Api.Reply reply = api.conforms("ingestSales", api.post("/sales", new JsonObject().put("sales", sales)));
    assertThat(reply.status()).as(reply.bodyText()).isEqualTo(200);
    return reply.json();
  }

  /**
   * Until the store's statistics count this many sales in the window: accepted sales are counted once the rollup
   * worker folds them (every stats.rollups.foldInterval, 1 s). Asked every 50 ms, for at most 10 s.
   */
  private static void awaitCounted(long store, long orders, LocalDate from, LocalDate to) {
    String path = "/stats/stores/" + store + "?from=" + from + "&to=" + to;
    long deadline = System.nanoTime() + 10_000_000_000L;
    long counted = -1;
    while (System.nanoTime() < deadline) {
      counted = api.get(path).json().getJsonObject("totals").getLong("orders");
      if (counted >= orders) {
        break;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    assertThat(counted).as("sales of store %d counted within 10 s", store).isEqualTo(orders);
  }

  private static String event() {
    return "ev-" + UUID.randomUUID();
  }

  @Test
  @DisplayName("a known data set, sent twice and partly three times, is counted exactly once: totals, series and raw sales agree")
  void exactTotalsDespiteRetries() {
    long brand = catalogue.brand();
    long tent = catalogue.product(brand, 100.50);
    long stove = catalogue.product(brand, 20.00);
    long store = catalogue.store();
    LocalDate day1 = TODAY.minusDays(3);
    LocalDate day2 = TODAY.minusDays(2);
    JsonArray sales = new JsonArray();
    for (int i = 0; i < 30; i++) {
      sales.add(sale(event(), i % 3 == 0 ? stove : tent, store, 1 + i % 4, i % 2 == 0 ? day1 : day2));
    }
    // tent: price 100.50; stove: 20.00. Expected sums computed from the data set itself.
    long units = 0;
    BigDecimal revenue = BigDecimal.ZERO;
    for (Object o : sales) {
      JsonObject s = (JsonObject) o;
      units += s.getInteger("quantity");
      BigDecimal price = s.getLong("productId") == tent ? new BigDecimal("100.50") : new BigDecimal("20.00");
      revenue = revenue.add(price.multiply(BigDecimal.valueOf(s.getInteger("quantity"))));
    }

    JsonObject first = ingest(sales);
    JsonObject retry = ingest(sales);
    JsonObject partial = ingest(new JsonArray(sales.getList().subList(0, 10)));

    assertThat(first.getInteger("accepted")).isEqualTo(30);
    assertThat(retry.getInteger("duplicates")).isEqualTo(30);
    assertThat(retry.getInteger("accepted")).isZero();
    assertThat(partial.getInteger("duplicates")).isEqualTo(10);
    assertThat(retry.getJsonArray("results").getJsonObject(5).getLong("saleId"))
      .as("a retried event returns the original sale")
      .isEqualTo(first.getJsonArray("results").getJsonObject(5).getLong("saleId"));

    awaitCounted(store, 30, day1, day2);
    String window = "from=" + day1 + "&to=" + day2;
    JsonObject series = api.conforms("getBrandStats", api.get("/stats/brands/" + brand + "?" + window)).json();
    assertThat(series.getJsonObject("totals").getLong("units")).isEqualTo(units);
    assertThat(new BigDecimal(series.getJsonObject("totals").getValue("revenue").toString())).isEqualByComparingTo(revenue);
    assertThat(series.getJsonObject("totals").getLong("orders")).isEqualTo(30);
    assertThat(series.getJsonArray("series")).hasSize(2);
    assertThat(series.getJsonObject("meta").getString("brand")).isIn("live", "cached");

    // The rollups agree with the raw sales, read back one page at a time.
    List<JsonObject> raw = new ArrayList<>();
    String next = "/sales?limit=7&brandId=" + brand;
    while (next != null) {
      JsonObject page = api.conforms("listSales", api.get(next)).json();
      page.getJsonArray("items").forEach(item -> raw.add((JsonObject) item));
      next = page.getString("next");
    }
    assertThat(raw).hasSize(30);
    assertThat(raw.stream().mapToLong(s -> s.getInteger("quantity")).sum()).isEqualTo(units);
    assertThat(raw.stream().map(s -> new BigDecimal(s.getValue("amount").toString())).reduce(BigDecimal.ZERO, BigDecimal::add))
      .isEqualByComparingTo(revenue);

    JsonObject tentSeries = api.conforms("getProductStats", api.get("/stats/products/" + tent + "?" + window)).json();
    JsonObject stoveSeries = api.get("/stats/products/" + stove + "?" + window).json();
    assertThat(tentSeries.getJsonObject("totals").getLong("units") + stoveSeries.getJsonObject("totals").getLong("units"))
      .isEqualTo(units);
    JsonObject storeSeries = api.conforms("getStoreStats", api.get("/stats/stores/" + store + "?" + window)).json();
    assertThat(storeSeries.getJsonObject("totals").getLong("units")).isEqualTo(units);
  }

  @Test
  @DisplayName("two identical batches sent at the same moment are stored once")
  void concurrentRetries() {
    long brand = catalogue.brand();
    long product = catalogue.product(brand, 10);
    long store = catalogue.store();
    JsonArray sales = new JsonArray();
    for (int i = 0; i < 20; i++) {
      sales.add(sale(event(), product, store, 1, TODAY.minusDays(5)));
    }
    api.post("/sales", new JsonObject().put("sales", new JsonArray().add(sales.getJsonObject(0)))); // warm the caches

    var body = new JsonObject().put("sales", sales).toBuffer();
    List<Future<Api.Reply>> both = List.of(
      api.sendAsync(HttpMethod.POST, "/sales", Api.json(), body),
      api.sendAsync(HttpMethod.POST, "/sales", Api.json(), body));
    int accepted = both.stream().mapToInt(reply -> reply.await().json().getInteger("accepted")).sum();

    assertThat(accepted).isEqualTo(19);
    awaitCounted(store, 20, TODAY.minusDays(5), TODAY);
    JsonObject totals = api.get("/stats/brands/" + brand + "?from=" + TODAY.minusDays(5) + "&to=" + TODAY).json()
      .getJsonObject("totals");
    assertThat(totals.getLong("orders")).isEqualTo(20);
  }

  @Test
  @DisplayName("statistics count an accepted sale within seconds, though the same question was just answered")
  void statisticsCatchUpWithAnAcceptedSale() {
    long brand = catalogue.brand();
    long product = catalogue.product(brand, 7);
    long store = catalogue.store();
    String series = "/stats/brands/" + brand + "?from=" + TODAY.minusDays(1) + "&to=" + TODAY;
    ingest(new JsonArray().add(sale(event(), product, store, 1, TODAY.minusDays(1))));
    awaitCounted(store, 1, TODAY.minusDays(1), TODAY);
    assertThat(api.get(series).json().getJsonObject("totals").getLong("orders")).isEqualTo(1);
    assertThat(api.get(series).json().getJsonObject("totals").getLong("orders")).isEqualTo(1);

    ingest(new JsonArray().add(sale(event(), product, store, 2, TODAY.minusDays(1))));
    awaitCounted(store, 2, TODAY.minusDays(1), TODAY);

    JsonObject answer = api.conforms("getBrandStats", api.get(series)).json();
    assertThat(answer.getJsonObject("totals").getLong("orders")).isEqualTo(2);
    assertThat(answer.getJsonObject("totals").getLong("units")).isEqualTo(3);
    assertThat(answer.getString("asOf")).as("the newest counted sale").isNotNull();
  }

  @Test
  @DisplayName("a full batch of 1000 sales with an eventId repeated inside it is stored once per eventId: the same "
    + "facts again are a duplicate of the first, other facts a 409; every stored sale has its own id")
  void fullBatchWithRepeats() {
    long brand = catalogue.brand();
    long product = catalogue.product(brand, 2.50);
    long store = catalogue.store();
    JsonArray sales = new JsonArray();
    for (int i = 0; i < 998; i++) {
      sales.add(sale(event(), product, store, 1 + i % 3, TODAY.minusDays(i % 7)));
    }
    JsonObject first = sales.getJsonObject(0);
    sales.add(first.copy());
    sales.add(first.copy().put("quantity", first.getInteger("quantity") + 1));

    JsonObject result = ingest(sales);

    assertThat(result.getInteger("accepted")).isEqualTo(998);
    assertThat(result.getInteger("duplicates")).isEqualTo(1);
    assertThat(result.getInteger("rejected")).isEqualTo(1);
    JsonArray results = result.getJsonArray("results");
    assertThat(results.getJsonObject(998).getString("status")).isEqualTo("duplicate");
    assertThat(results.getJsonObject(998).getLong("saleId")).isEqualTo(results.getJsonObject(0).getLong("saleId"));
    assertRejected(results.getJsonObject(999), 409, "/sales/999/eventId");
    assertThat(results.stream().limit(998).map(r -> ((JsonObject) r).getLong("saleId")).distinct().count()).isEqualTo(998);
    long units = 0;
    for (int i = 0; i < 998; i++) {
      units += 1 + i % 3;
    }
    awaitCounted(store, 998, TODAY.minusDays(6), TODAY);
    JsonObject totals = api.get("/stats/products/" + product + "?from=" + TODAY.minusDays(6) + "&to=" + TODAY).json()
      .getJsonObject("totals");
    assertThat(totals.getLong("orders")).isEqualTo(998);
    assertThat(totals.getLong("units")).isEqualTo(units);
    assertThat(api.get("/sales?productId=" + product + "&limit=1").json().getJsonArray("items").getJsonObject(0)
      .getString("eventId")).isEqualTo(first.getString("eventId"));
  }

  @Test
  @DisplayName("a batch answers per sale: unknown product or store 422, reused eventId 409, soldAt in the future or "
    + "before 2000 422, an amount the ledger cannot hold 422, the rest stored")
  void perItemResults() {
    long brand = catalogue.brand();
    long product = catalogue.product(brand, 5);
    long store = catalogue.store();
    long archivedStore = catalogue.store();
    assertThat(api.delete("/stores/" + archivedStore).status()).isEqualTo(204);
    String reused = event();
    ingest(new JsonArray().add(sale(reused, product, store, 1, TODAY.minusDays(1))));

    JsonObject result = ingest(new JsonArray()
      .add(sale(event(), product, store, 2, TODAY.minusDays(1)))
      .add(sale(event(), 987654321L, store, 1, TODAY.minusDays(1)))
      .add(sale(event(), product, archivedStore, 1, TODAY.minusDays(1)))
      .add(sale(reused, product, store, 9, TODAY.minusDays(1)))
      .add(sale(event(), product, store, 1, TODAY.plusDays(2)))
      .add(sale(event(), product, store, 1, LocalDate.of(1999, 12, 31)))
      .add(sale(event(), product, store, 100000, TODAY.minusDays(1)).put("unitPrice", 9999999999.99)));

    assertThat(result.getInteger("accepted")).isEqualTo(1);
    assertThat(result.getInteger("rejected")).isEqualTo(6);
    JsonArray results = result.getJsonArray("results");
    assertThat(results.getJsonObject(0).getString("status")).isEqualTo("accepted");
    assertRejected(results.getJsonObject(1), 422, "/sales/1/productId");
    assertRejected(results.getJsonObject(2), 422, "/sales/2/storeId");
    assertRejected(results.getJsonObject(3), 409, "/sales/3/eventId");
    assertRejected(results.getJsonObject(4), 422, "/sales/4/soldAt");
    assertRejected(results.getJsonObject(5), 422, "/sales/5/soldAt");
    assertRejected(results.getJsonObject(6), 422, "/sales/6/quantity");
    awaitCounted(store, 2, TODAY.minusDays(1), TODAY);

    JsonObject totals = api.get("/stats/stores/" + store + "?from=" + TODAY.minusDays(1) + "&to=" + TODAY).json()
      .getJsonObject("totals");
    assertThat(totals.getLong("units")).isEqualTo(3);
  }

  private static void assertRejected(JsonObject result, int status, String pointer) {
    assertThat(result.getString("status")).isEqualTo("rejected");
    JsonObject problem = result.getJsonObject("problem");
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertFieldError(problem, "body", pointer);
  }

  @Test
  @DisplayName("one sale can be sent alone; a body that is neither a sale nor a batch is a 400")
  void singleSaleAndBadBodies() {
    long brand = catalogue.brand();
    long product = catalogue.product(brand, 3);
    long store = catalogue.store();
    Api.Reply single = api.conforms("ingestSales", api.post("/sales", sale(event(), product, store, 1, TODAY)));
    assertThat(single.json().getInteger("accepted")).isEqualTo(1);
    assertThat(single.json().getJsonArray("results").getJsonObject(0).getLong("saleId")).isPositive();

    assertProblem(api.post("/sales", sale(event(), product, store, 0, TODAY)), 400);
    assertProblem(api.post("/sales", new JsonObject().put("sales", new JsonArray())), 400);
  }

  @Test
  @DisplayName("a sales list whose from is after to is a 400 naming from, as statistics answer; from equal to to is an empty list")
  void salesWindowInOrder() {
    String from = NOW.withOffsetSameInstant(ZoneOffset.ofHours(2)).toString();
    String to = NOW.minusHours(1).toString();

    assertFieldError(assertProblem(api.conforms("listSales", api.get("/sales?from=" + encode(from) + "&to=" + encode(to))), 400),
      "query", "from");
    Api.Reply empty = api.conforms("listSales", api.get("/sales?from=" + encode(to) + "&to=" + encode(to)));
    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.json().getJsonArray("items")).isEmpty();
  }

  @Test
  @DisplayName("a date-time without its offset is a 400 naming it, in a sales list's window and in a sale, and nothing is stored")
  void dateTimesNeedOffsets() {
    assertFieldError(assertProblem(api.conforms("listSales", api.get("/sales?from=2026-11-24T10:15:00")), 400), "query", "from");
    assertFieldError(assertProblem(api.conforms("listSales", api.get("/sales?to=2026-11-24T10:15:00")), 400), "query", "to");
    long product = catalogue.product(catalogue.brand(), 3);
    long store = catalogue.store();
    JsonObject sale = sale(event(), product, store, 1, TODAY.minusDays(1));
    sale.put("soldAt", sale.getString("soldAt").replace("Z", ""));

    JsonObject problem = assertProblem(api.conforms("ingestSales", api.post("/sales", new JsonObject()
      .put("sales", new JsonArray().add(sale)))), 400);

    assertFieldError(problem, "body", "/sales/0/soldAt");
    assertThat(problem.getJsonArray("errors")).hasSize(1);
    assertThat(api.get("/sales?storeId=" + store).json().getJsonArray("items")).isEmpty();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("statistics of an unknown brand are a 404; a window that ends before it starts is a 400")
  void unknownBrandAndBadWindow() {
    assertProblem(api.conforms("getBrandStats", api.get("/stats/brands/987654321")), 404);
    long brand = catalogue.brand();
    assertFieldError(assertProblem(api.get("/stats/brands/" + brand + "?from=2026-02-01&to=2026-01-01"), 400),
      "query", "from");
  }

  @Test
  @DisplayName("weeks and months group the days; top and summary rank by revenue with names and deltas")
  void intervalsTopAndSummary() {
    long big = catalogue.brand();
    long small = catalogue.brand();
    long bigProduct = catalogue.product(big, 1000);
    long smallProduct = catalogue.product(small, 1);
    long store = catalogue.store();
    LocalDate day = LocalDate.of(2024, 3, 1);
    JsonArray sales = new JsonArray();
    for (int i = 0; i < 40; i++) {
      sales.add(sale(event(), i % 2 == 0 ? bigProduct : smallProduct, store, 1, day.plusDays(i)));
    }
    ingest(sales);
    awaitCounted(store, 40, day, day.plusDays(39));
    String window = "from=2024-03-01&to=2024-04-09";

    JsonObject monthly = api.get("/stats/brands/" + big + "?" + window + "&interval=month").json();
    assertThat(monthly.getJsonArray("series")).hasSize(2);
    assertThat(monthly.getJsonArray("series").getJsonObject(0).getString("period")).isEqualTo("2024-03-01");
    assertThat(monthly.getJsonArray("series").getJsonObject(0).getLong("units")
      + monthly.getJsonArray("series").getJsonObject(1).getLong("units")).isEqualTo(20);
    JsonObject weekly = api.conforms("getBrandStats", api.get("/stats/brands/" + big + "?" + window + "&interval=week")).json();
    assertThat(weekly.getJsonArray("series").getJsonObject(0).getString("period")).isEqualTo("2024-02-26");

    JsonObject top = api.conforms("getTopStats", api.get("/stats/top?dimension=brands&limit=2&" + window)).json();
    assertThat(top.getJsonArray("items").getJsonObject(0).getLong("id")).isEqualTo(big);
    assertThat(top.getJsonArray("items").getJsonObject(0).getString("name")).startsWith("Brand-");

    JsonObject summary = api.conforms("getStatsSummary", api.get("/stats/summary?from=2024-03-21&to=2024-04-09")).json();
    assertThat(summary.getJsonObject("totals").getLong("orders")).isEqualTo(20);
    assertThat(summary.getJsonObject("previousTotals").getLong("orders")).isEqualTo(20);
    assertThat(summary.getJsonObject("previousWindow").getString("from")).isEqualTo("2024-03-01");
    assertThat(summary.getJsonArray("daily")).hasSize(20);
    assertThat(summary.getJsonArray("topBrands").getJsonObject(0).getLong("id")).isEqualTo(big);
  }

  @Test
  @DisplayName("statistics take filters and rank every dimension; an unknown dimension, by, compare or interval is a 400 "
    + "naming it; a filter on an unknown brand, product or store a 404")
  void filtersDimensionsAndBadInput() {
    long brand = catalogue.brand();
    long product = catalogue.product(brand, 4);
    long store = catalogue.store();
    JsonArray sales = new JsonArray();
    for (int i = 0; i < 6; i++) {
      sales.add(sale(event(), product, store, 1 + i, TODAY.minusDays(2 + i % 2)));
    }
    ingest(sales);
    awaitCounted(store, 6, TODAY.minusDays(3), TODAY);
    String window = "from=" + TODAY.minusDays(3) + "&to=" + TODAY;

    JsonObject summary = api.conforms("getStatsSummary", api.get("/stats/summary?" + window + "&storeId=" + store
      + "&brandId=" + brand + "&compare=year")).json();
    assertThat(summary.getJsonObject("totals").getLong("units")).isEqualTo(1 + 2 + 3 + 4 + 5 + 6);
    assertThat(summary.getJsonObject("filters")).isEqualTo(new JsonObject().put("brandId", brand).put("storeId", store));
    assertThat(summary.getString("compare")).isEqualTo("year");
    for (String dimension : List.of("brands", "products", "stores", "categories", "countries", "channels")) {
      JsonObject top = api.conforms("getTopStats", api.get("/stats/top?" + window + "&dimension=" + dimension
        + "&by=orders&storeId=" + store)).json();
      assertThat(top.getJsonArray("items")).as(dimension).hasSize(1);
      assertThat(top.getJsonArray("items").getJsonObject(0).getLong("orders")).isEqualTo(6);
    }
    JsonObject series = api.conforms("getProductStats", api.get("/stats/products/" + product + "?" + window
      + "&storeId=" + store + "&interval=week")).json();
    assertThat(series.getJsonArray("previousSeries")).hasSameSizeAs(series.getJsonArray("series"));

    for (String[] bad : new String[][] {{"/stats/top?dimension=colours", "dimension"}, {"/stats/top?by=profit", "by"},
      {"/stats/summary?compare=lastyear", "compare"}, {"/stats/brands/" + brand + "?interval=hour", "interval"},
      {"/stats/summary?channel=phone", "channel"}, {"/stats/summary?from=2020-01-01&to=2023-01-02", "from"}}) {
      assertFieldError(assertProblem(api.get(bad[0]), 400), "query", bad[1]);
    }
    assertProblem(api.conforms("getStatsSummary", api.get("/stats/summary?brandId=987654321")), 404);
    assertProblem(api.conforms("getTopStats", api.get("/stats/top?storeId=987654321")), 404);
  }
}
