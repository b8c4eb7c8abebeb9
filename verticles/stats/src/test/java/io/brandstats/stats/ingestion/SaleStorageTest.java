package io.brandstats.stats.ingestion;

import static io.brandstats.common.testing.ServiceCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.Migrations;
import io.brandstats.common.Pools;
import io.brandstats.common.testing.EmbeddedDatabase;
import io.brandstats.stats.rollups.Dimension;
import io.brandstats.stats.rollups.Rollup;
import io.brandstats.stats.rollups.RollupChecks;
import io.brandstats.stats.sales.Facets;
import io.brandstats.stats.sales.ResolvedSale;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Storing resolved sales, and the rollups they are folded into, on the stats schema in a database of its own. Each test uses
 * brand, product and store ids of its own hundred (1xx, 2xx, ...), so what it reads back is what it stored.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Storing sales")
class SaleStorageTest {

  @RegisterExtension
  static final EmbeddedDatabase DB = new EmbeddedDatabase();

  private static final LocalDateTime RECEIVED = LocalDateTime.of(2025, 7, 1, 8, 0);
  private static final LocalDate DAY = LocalDate.of(2025, 6, 1);
  private static final Facets FACETS = new Facets("tents", "DE", "retail");

  private static Vertx vertx;
  private static Pool pool;
  private static SaleStorage storage;

  @BeforeAll
  static void schema(Vertx vertx) {
    SaleStorageTest.vertx = vertx;
    await(Migrations.migrate(vertx, DB.config(), "db/stats"));
    pool = Pools.create(vertx, DB.config());
    storage = new SaleStorage(pool);
  }

  /** A sale of product p, whose brand is p / 10 in the same hundred (e.g. 113 -> 101), priced as given. */
  private static ResolvedSale sale(int index, String eventId, long product, long store, int quantity, String unitPrice,
                                   String currency, LocalDateTime soldAt) {
    BigDecimal price = new BigDecimal(unitPrice);
    long brand = product / 100 * 100 + product % 100 / 10;
    return new ResolvedSale(index, eventId, product, store, brand, quantity, price, true,
      price.multiply(BigDecimal.valueOf(quantity)), currency, soldAt, FACETS);
  }

  /** The outcomes of storing these sales as one request (they are its sales 0..n-1). */
  private static Future<Outcomes> store(List<ResolvedSale> sales) {
    List<JsonObject> request = sales.stream().map(s -> new JsonObject().put("eventId", s.eventId())).toList();
    return storage.store(sales, RECEIVED, new Outcomes(request, true));
  }

  private static JsonObject stored(List<ResolvedSale> sales) {
    return await(store(sales)).toJson();
  }

  private static List<Row> rows(String sql, Object... params) {
    List<Row> rows = new ArrayList<>();
    await(pool.preparedQuery(sql).execute(Tuple.from(params))).forEach(rows::add);
    return rows;
  }

  /** 300 sales of one hundred's brands, products and stores over three days (both day ends included) and two currencies. */
  private static List<ResolvedSale> spread(int hundred, String prefix) {
    LocalTime[] times = {LocalTime.MIDNIGHT, LocalTime.of(12, 30), LocalTime.of(23, 59, 59, 999_000_000)};
    return IntStream.range(0, 300).mapToObj(i -> sale(i, prefix + i, hundred + 11 + i % 3 + (i % 2) * 10,
      hundred + 51 + i % 2, 1 + i % 4, (5 + i % 7) + ".25", i % 5 == 0 ? "USD" : "EUR",
      DAY.plusDays(i % 3).atTime(times[i / 3 % 3]))).toList();
  }

  /**
   * A dimension's figures of one hundred, from the rollup statistics read for it, once every stored sale is
   * folded in: (currency, day, key) -> "units / revenue / orders".
   */
  private static Map<String, String> rollup(Dimension dimension, int hundred) {
    RollupChecks.foldAll(vertx, pool, "UTC");
    return rows("SELECT currency, day, " + dimension.key + " AS id, SUM(units) AS units, SUM(revenue) AS revenue,"
      + " SUM(orders) AS orders FROM " + Rollup.covering(List.of(dimension)).table + " WHERE " + dimension.key
      + " BETWEEN ? AND ? GROUP BY currency, day, " + dimension.key, hundred, hundred + 99).stream()
      .collect(Collectors.toMap(row -> row.getString("currency") + " " + row.getLocalDate("day") + " " + row.getLong("id"),
        row -> row.getLong("units") + " / " + row.getBigDecimal("revenue") + " / " + row.getLong("orders")));
  }

  /** The same, computed by GROUP BY over the stored sales. */
  private static Map<String, String> groupedSales(Dimension dimension, int hundred) {
    return rows("SELECT currency, DATE(sold_at) AS day, " + dimension.key + " AS id, SUM(quantity) AS units,"
      + " SUM(amount) AS revenue, COUNT(*) AS orders FROM sale WHERE " + dimension.key + " BETWEEN ? AND ?"
      + " GROUP BY currency, DATE(sold_at), " + dimension.key, hundred, hundred + 99).stream()
      .collect(Collectors.toMap(row -> row.getString("currency") + " " + row.getLocalDate("day") + " " + row.getLong("id"),
        row -> row.getLong("units") + " / " + row.getBigDecimal("revenue") + " / " + row.getLong("orders")));
  }

  /** The same, computed here from the sales the test sent. */
  private static Map<String, String> expected(List<ResolvedSale> sales, ToLongFunction<ResolvedSale> key) {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, BigDecimal> revenue = new HashMap<>();
    for (ResolvedSale sale : sales) {
      String bucket = sale.currency() + " " + sale.soldAt().toLocalDate() + " " + key.applyAsLong(sale);
      long[] unitsAndOrders = counts.computeIfAbsent(bucket, b -> new long[2]);
      unitsAndOrders[0] += sale.quantity();
      unitsAndOrders[1]++;
      revenue.merge(bucket, sale.amount(), BigDecimal::add);
    }
    Map<String, String> expected = new HashMap<>();
    counts.forEach((bucket, n) -> expected.put(bucket, n[0] + " / " + revenue.get(bucket) + " / " + n[1]));
    return expected;
  }

  private static void assertRollupsMatch(List<ResolvedSale> sent, int hundred) {
    RollupChecks.foldAll(vertx, pool, "UTC");
    RollupChecks.assertRollupsEqualGroupBy(pool);
    assertThat(rollup(Dimension.BRANDS, hundred)).isEqualTo(groupedSales(Dimension.BRANDS, hundred))
      .isEqualTo(expected(sent, ResolvedSale::brandId));
    assertThat(rollup(Dimension.PRODUCTS, hundred)).isEqualTo(groupedSales(Dimension.PRODUCTS, hundred))
      .isEqualTo(expected(sent, ResolvedSale::productId));
    assertThat(rollup(Dimension.STORES, hundred)).isEqualTo(groupedSales(Dimension.STORES, hundred))
      .isEqualTo(expected(sent, ResolvedSale::storeId));
  }

  @Test
  @DisplayName("Every rollup row equals GROUP BY (currency, day, key) over the stored sales, and what the test sent")
  void rollupsEqualGroupBy() {
    List<ResolvedSale> sent = spread(100, "spread-");

    JsonObject outcome = stored(sent);

    assertThat(outcome.getInteger("accepted")).isEqualTo(300);
    assertRollupsMatch(sent, 100);
    Map<String, Long> idOfEvent = rows("SELECT id, event_id FROM sale WHERE event_id LIKE 'spread-%'").stream()
      .collect(Collectors.toMap(row -> row.getString("event_id"), row -> row.getLong("id")));
    JsonArray results = outcome.getJsonArray("results");
    for (int i = 0; i < sent.size(); i++) {
      assertThat(results.getJsonObject(i).getLong("saleId")).as("sale %d's id", i).isEqualTo(idOfEvent.get("spread-" + i));
    }
  }

  @Test
  @DisplayName("The same batch again is all duplicates with the stored ids, and counts nothing twice")
  void retriedBatchIsIdempotent() {
    List<ResolvedSale> sent = spread(200, "again-");
    JsonObject first = stored(sent);

    JsonObject retried = stored(sent);

    assertThat(retried.getInteger("duplicates")).isEqualTo(300);
    assertThat(retried.getInteger("accepted")).isZero();
    for (int i = 0; i < sent.size(); i++) {
      assertThat(retried.getJsonArray("results").getJsonObject(i).getLong("saleId"))
        .isEqualTo(first.getJsonArray("results").getJsonObject(i).getLong("saleId"));
    }
    assertRollupsMatch(sent, 200);
  }

  @Test
  @DisplayName("A stored eventId with other facts is a 409; one without a unitPrice is the same sale whatever its price now")
  void storedEventIds() {
    LocalDateTime soldAt = DAY.atTime(10, 0);
    stored(List.of(sale(0, "facts-1", 311, 351, 2, "10.00", "EUR", soldAt),
      sale(1, "facts-2", 311, 351, 2, "10.00", "EUR", soldAt)));
    ResolvedSale priceNotGiven = new ResolvedSale(1, "facts-2", 311, 351, 301, 2, new BigDecimal("12.00"), false,
      new BigDecimal("24.00"), "EUR", soldAt, FACETS);

    JsonObject outcome = stored(List.of(sale(0, "facts-1", 311, 351, 3, "10.00", "EUR", soldAt), priceNotGiven));

    JsonArray results = outcome.getJsonArray("results");
    assertThat(results.getJsonObject(0).getString("status")).isEqualTo("rejected");
    assertThat(results.getJsonObject(0).getJsonObject("problem").getInteger("status")).isEqualTo(409);
    assertThat(results.getJsonObject(1).getString("status")).isEqualTo("duplicate");
    assertThat(rollup(Dimension.BRANDS, 300)).isEqualTo(Map.of("EUR " + DAY + " 301", "4 / 40.00 / 2"));
  }

  @Test
  @DisplayName("Within one request an eventId twice is stored once: the same facts are a duplicate, other facts a 409")
  void repeatedEventIdsInOneRequest() {
    LocalDateTime soldAt = DAY.atTime(11, 0);
    List<ResolvedSale> sent = List.of(
      sale(0, "twice-1", 411, 451, 1, "7.00", "EUR", soldAt),
      sale(1, "twice-1", 411, 451, 1, "7.00", "EUR", soldAt),
      sale(2, "twice-1", 411, 451, 5, "7.00", "EUR", soldAt));

    JsonArray results = stored(sent).getJsonArray("results");

    assertThat(results.getJsonObject(0).getString("status")).isEqualTo("accepted");
    assertThat(results.getJsonObject(1).getString("status")).isEqualTo("duplicate");
    assertThat(results.getJsonObject(1).getLong("saleId")).isEqualTo(results.getJsonObject(0).getLong("saleId"));
    assertThat(results.getJsonObject(2).getJsonObject("problem").getInteger("status")).isEqualTo(409);
    assertThat(rollup(Dimension.STORES, 400)).isEqualTo(Map.of("EUR " + DAY + " 451", "1 / 7.00 / 1"));
  }

  @Test
  @DisplayName("Two requests storing the same sales at once store each sale once: one is accepted, the other a duplicate of it")
  void concurrentDuplicates() {
    List<ResolvedSale> sent = spread(500, "race-").subList(0, 50);

    Future<Outcomes> one = store(sent);
    Future<Outcomes> other = store(sent);
    await(Future.all(one, other));

    JsonArray first = one.result().toJson().getJsonArray("results");
    JsonArray second = other.result().toJson().getJsonArray("results");
    for (int i = 0; i < sent.size(); i++) {
      assertThat(List.of(first.getJsonObject(i).getString("status"), second.getJsonObject(i).getString("status")))
        .as("sale %d", i).containsExactlyInAnyOrder("accepted", "duplicate");
      assertThat(first.getJsonObject(i).getLong("saleId")).isEqualTo(second.getJsonObject(i).getLong("saleId"));
    }
    assertThat(rows("SELECT COUNT(*) AS n FROM sale WHERE event_id LIKE 'race-%'").get(0).getLong("n")).isEqualTo(50);
    assertRollupsMatch(sent, 500);
  }

  @Test
  @DisplayName("A transaction the database rolls back to break a deadlock is run again, and the sale is stored once")
  void deadlockIsRetried() throws InterruptedException {
    LocalDateTime soldAt = DAY.atTime(9, 0);
    stored(List.of(sale(0, "lock-0", 611, 651, 1, "3.00", "EUR", soldAt)));
    await(pool.query("CREATE TABLE ballast (n INT)").execute());
    // The deadlock is set up from outside the storing transaction; on a busy machine the database may once in a
    // while resolve the cycle before it forms. The scenario runs again then, each time with a sale of its own.
    int attempts = 0;
    boolean deadlocked = false;
    while (!deadlocked && attempts < 3) {
      attempts++;
      deadlocked = storedThroughDeadlock("lock-" + attempts, soldAt);
    }
    assertThat(deadlocked).as("a deadlock broken by the database within 3 attempts").isTrue();
    int units = 1 + 2 * attempts;
    assertThat(rollup(Dimension.BRANDS, 600)).isEqualTo(Map.of("EUR " + DAY + " 601",
      units + " / " + new BigDecimal("3.00").multiply(BigDecimal.valueOf(units)) + " / " + (1 + attempts)));
  }

  /**
   * Stores a sale of 2 while another transaction holds its eventId and then closes a lock cycle through the
   * ingest gate; answers whether the database broke a deadlock. Either way the sale is accepted and stored once.
   */
  private static boolean storedThroughDeadlock(String eventId, LocalDateTime soldAt) throws InterruptedException {
    long deadlocksBefore = deadlocks();
    SqlConnection blocker = await(pool.getConnection());
    SqlConnection watcher = await(pool.getConnection());
    try {
      Transaction heavy = await(blocker.begin());
      // Many rows written: InnoDB rolls back the lighter transaction of a deadlock, the storing one.
      await(blocker.query("INSERT INTO ballast VALUES " + IntStream.range(0, 1000).mapToObj(n -> "(" + n + ")")
        .collect(Collectors.joining(", "))).execute());
      await(blocker.preparedQuery("INSERT INTO sale (event_id, product_id, store_id, brand_id, quantity, unit_price,"
        + " amount, currency, sold_at, received_at) VALUES (?, 611, 651, 601, 9, 3, 27, 'EUR', ?, ?)")
        .execute(Tuple.of(eventId, soldAt, RECEIVED)));

      Future<Outcomes> storing = store(List.of(sale(0, eventId, 611, 651, 2, "3.00", "EUR", soldAt)));
      waitForSaleWait(watcher);
      // The storing transaction holds the ingest gate in share mode and waits for the eventId's key; a folder's
      // exclusive hold of the gate closes the cycle.
      await(blocker.query("SELECT id FROM ingest_gate WHERE id = 1 FOR UPDATE").execute());
      await(heavy.rollback());

      assertThat(await(storing).toJson().getJsonArray("results").getJsonObject(0).getString("status")).isEqualTo("accepted");
    } finally {
      blocker.close();
      watcher.close();
    }
    assertThat(rows("SELECT quantity FROM sale WHERE event_id = ?", eventId)).singleElement()
      .satisfies(row -> assertThat(row.getInteger("quantity")).isEqualTo(2));
    return deadlocks() > deadlocksBefore;
  }

  private static long deadlocks() {
    return Long.parseLong(rows("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'").get(0).getString(1));
  }

  /**
   * Until the storing transaction is inserting its sale (it then holds the gate and waits for lock-1's key),
   * asked every 20 ms on a connection of its own, for at most 10 s. The server's process list shows the waiting
   * statement; InnoDB's list of transactions did not always show its transaction.
   */
  private static void waitForSaleWait(SqlConnection watcher) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (await(watcher.query("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST"
      + " WHERE INFO LIKE 'INSERT INTO sale%'").execute()).iterator().next().getLong("n") == 0) {
      assertThat(System.nanoTime()).as("the storing transaction at its insert within 10 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
