package io.brandstats.stats.queries;

import static io.brandstats.common.testing.ServiceCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.Migrations;
import io.brandstats.common.Pools;
import io.brandstats.common.ProblemException;
import io.brandstats.common.testing.EmbeddedDatabase;
import io.brandstats.stats.FakeOwners;
import io.brandstats.stats.rollups.Dimension;
import io.brandstats.common.replica.ReadPools;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The statistics over rollup rows the test writes itself, in past months, with names from fake owner
 * services. Tests that read across keys (top, summary) each use a currency of their own.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The statistics")
class StatsQueriesTest {

  @RegisterExtension
  static final EmbeddedDatabase DB = new EmbeddedDatabase();

  private static Pool pool;
  private static FakeOwners owners;
  private static StatsQueries queries;

  /** One rollup row as the test wrote it. */
  private record Day(Dimension dimension, LocalDate day, long id, String currency, long units, BigDecimal revenue,
                     long orders) {
  }

  private static final Dimension BRANDS = Dimension.BRANDS;
  private static final Dimension PRODUCTS = Dimension.PRODUCTS;
  private static final Dimension STORES = Dimension.STORES;

  /** The rollup rows every test reads, written once; each test reads ids or a currency of its own. */
  private static final List<Day> WRITTEN = List.of(
    // A daily series of brand 11 in EUR, 2025-01-01 to 05: another currency, a later day and brand 12 stay out.
    day(BRANDS, "2025-01-02", 11, "EUR", 3, "30.00", 2),
    day(BRANDS, "2025-01-04", 11, "EUR", 1, "12.50", 1),
    day(BRANDS, "2025-01-04", 11, "USD", 5, "50.00", 1),
    day(BRANDS, "2025-01-06", 11, "EUR", 8, "80.00", 4),
    day(BRANDS, "2025-01-03", 12, "EUR", 2, "20.00", 2),
    // Weeks of product 21, 2025-03-05 (a Wednesday) to 03-20: the 4th is before the window.
    day(PRODUCTS, "2025-03-04", 21, "EUR", 9, "90.00", 9),
    day(PRODUCTS, "2025-03-05", 21, "EUR", 1, "10.00", 1),
    day(PRODUCTS, "2025-03-09", 21, "EUR", 2, "20.00", 1),
    day(PRODUCTS, "2025-03-10", 21, "EUR", 3, "30.00", 3),
    day(PRODUCTS, "2025-03-20", 21, "EUR", 4, "40.00", 2),
    // Months of product 21, 2025-01-15 to 03-10 (with the days above).
    day(PRODUCTS, "2025-01-31", 21, "EUR", 5, "50.00", 5),
    day(PRODUCTS, "2025-02-28", 21, "EUR", 6, "60.00", 6),
    // Store 31, while its owner fails.
    day(STORES, "2025-02-01", 31, "EUR", 2, "5.00", 1),
    // Top products in GBP, 2025-04-01 to 03: 42 and 44 tie on revenue.
    day(PRODUCTS, "2025-04-01", 41, "GBP", 10, "100.00", 5),
    day(PRODUCTS, "2025-04-02", 41, "GBP", 1, "10.00", 1),
    day(PRODUCTS, "2025-04-01", 42, "GBP", 2, "300.00", 2),
    day(PRODUCTS, "2025-04-03", 43, "GBP", 20, "20.00", 20),
    day(PRODUCTS, "2025-04-03", 44, "GBP", 2, "300.00", 1),
    // Product 45 sells the day after the top window: it is not ranked.
    day(PRODUCTS, "2025-04-04", 45, "GBP", 99, "999.00", 9),
    // The summary in CHF of 2025-05-03 to 04, and of the two days before.
    day(BRANDS, "2025-05-03", 51, "CHF", 4, "100.00", 3),
    day(BRANDS, "2025-05-04", 52, "CHF", 1, "10.01", 1),
    day(STORES, "2025-05-04", 53, "CHF", 5, "110.01", 4),
    day(BRANDS, "2025-05-01", 51, "CHF", 2, "40.00", 2));

  @BeforeAll
  static void start(Vertx vertx) {
    await(Migrations.migrate(vertx, DB.config(), "db/stats"));
    pool = Pools.create(vertx, DB.config());
    owners = FakeOwners.deploy(vertx);
    JsonObject config = owners.config();
    config.getJsonObject("upstreams").put("retries", 0);
    queries = new StatsQueries(ReadPools.create(vertx, "stats", pool, null), FakeOwners.clients(vertx, config), "EUR");
    for (Day d : WRITTEN) {
      await(pool.preparedQuery("INSERT INTO " + d.dimension().table + " (day, " + d.dimension().key
          + ", currency, units, revenue, orders) VALUES (?, ?, ?, ?, ?, ?)")
        .execute(Tuple.of(d.day(), d.id(), d.currency(), d.units(), d.revenue(), d.orders())));
    }
  }

  @AfterEach
  void ownersAnswer() {
    owners.stores.answerOk();
  }

  private static Day day(Dimension dimension, String day, long id, String currency, long units, String revenue, long orders) {
    return new Day(dimension, LocalDate.parse(day), id, currency, units, new BigDecimal(revenue), orders);
  }

  /** The rows written for one dimension and currency, in a window. */
  private static List<Day> written(Dimension dimension, String currency, Window window) {
    return WRITTEN.stream().filter(d -> d.dimension() == dimension && d.currency().equals(currency)
      && !d.day().isBefore(window.from()) && !d.day().isAfter(window.to())).toList();
  }

  private static Window window(String from, String to) {
    return new Window(LocalDate.parse(from), LocalDate.parse(to));
  }

  /** The series the test expects: per bucket start, "units / revenue / orders" of the rows in the window and currency. */
  private static Map<String, String> expectedSeries(Dimension dimension, long id, Window window, String currency,
                                                    Function<LocalDate, LocalDate> bucketOf,
                                                    Function<LocalDate, LocalDate> nextBucket) {
    Map<String, String> buckets = new LinkedHashMap<>();
    for (LocalDate bucket = bucketOf.apply(window.from()); !bucket.isAfter(window.to()); bucket = nextBucket.apply(bucket)) {
      LocalDate start = bucket;
      List<Day> in = written(dimension, currency, window).stream()
        .filter(d -> d.id() == id && bucketOf.apply(d.day()).equals(start)).toList();
      buckets.put(start.toString(), measures(in));
    }
    return buckets;
  }

  private static String measures(List<Day> days) {
    return days.stream().mapToLong(Day::units).sum() + " / "
      + days.stream().map(Day::revenue).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add) + " / "
      + days.stream().mapToLong(Day::orders).sum();
  }

  private static Map<String, String> series(JsonObject answer) {
    return answer.getJsonArray("series").stream().map(JsonObject.class::cast).collect(Collectors.toMap(
      bucket -> bucket.getString("period"), StatsQueriesTest::measures, (a, b) -> a, LinkedHashMap::new));
  }

  private static String measures(JsonObject m) {
    return m.getLong("units") + " / " + new BigDecimal(m.getValue("revenue").toString()).setScale(2) + " / "
      + m.getLong("orders");
  }

  @Test
  @DisplayName("A daily series has a bucket for every day of the window, empty ones included; other currencies and days stay out")
  void dailySeries() {
    owners.brand(11, "Northwind");
    Window window = window("2025-01-01", "2025-01-05");

    JsonObject answer = await(queries.series(Dimension.BRANDS, 11, window, Interval.DAY, "EUR"));

    Map<String, String> expected = expectedSeries(BRANDS, 11, window, "EUR", d -> d, d -> d.plusDays(1));
    assertThat(series(answer)).isEqualTo(expected).hasSize(5);
    assertThat(measures(answer.getJsonObject("totals"))).isEqualTo("4 / 42.50 / 3");
    assertThat(answer.getString("name")).isEqualTo("Northwind");
    assertThat(answer.getString("interval")).isEqualTo("day");
    assertThat(answer.getJsonObject("meta")).isEqualTo(new JsonObject().put("brand", "live"));
  }

  @Test
  @DisplayName("Weekly buckets start on Mondays, monthly ones on the 1st, the first one at or before the window's start")
  void weeksAndMonths() {
    Window weeks = window("2025-03-05", "2025-03-20");
    Window months = window("2025-01-15", "2025-03-10");

    JsonObject weekly = await(queries.series(Dimension.PRODUCTS, 21, weeks, Interval.WEEK, "EUR"));
    JsonObject monthly = await(queries.series(Dimension.PRODUCTS, 21, months, Interval.MONTH, "EUR"));

    assertThat(series(weekly)).isEqualTo(expectedSeries(PRODUCTS, 21, weeks, "EUR",
      d -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), d -> d.plusWeeks(1)))
      .containsOnlyKeys("2025-03-03", "2025-03-10", "2025-03-17");
    assertThat(series(monthly)).isEqualTo(expectedSeries(PRODUCTS, 21, months, "EUR",
      d -> d.withDayOfMonth(1), d -> d.plusMonths(1)))
      .containsOnlyKeys("2025-01-01", "2025-02-01", "2025-03-01");
  }

  @Test
  @DisplayName("A series of an id its owner does not know is a 404; while the owner fails, its numbers come without a name")
  void ownerAnswers() {
    owners.stores.unknown(32);
    Window window = window("2025-02-01", "2025-02-01");

    Future<JsonObject> unknown = queries.series(Dimension.STORES, 32, window, Interval.DAY, "EUR");
    await(unknown.otherwiseEmpty());
    owners.stores.answerError();
    JsonObject down = await(queries.series(Dimension.STORES, 31, window, Interval.DAY, "EUR"));

    assertThat(unknown.cause()).isInstanceOfSatisfying(ProblemException.class,
      e -> assertThat(e.problem().status()).isEqualTo(404));
    assertThat(down.getValue("name")).isNull();
    assertThat(down.getJsonObject("meta")).isEqualTo(new JsonObject().put("store", "unavailable"));
    assertThat(measures(down.getJsonObject("totals"))).isEqualTo("2 / 5.00 / 1");
  }

  @Test
  @DisplayName("Top ranks the window's keys by revenue or by units (ties by id), at most limit of them, with their names")
  void top() {
    for (long id = 41; id <= 44; id++) {
      owners.products.serve(new JsonObject().put("id", id).put("name", "Product " + id).put("status", "active"));
    }
    Window window = window("2025-04-01", "2025-04-03");

    JsonObject byRevenue = await(queries.top(Dimension.PRODUCTS, false, window, 3, "GBP"));
    JsonObject byUnits = await(queries.top(Dimension.PRODUCTS, true, window, 10, "GBP"));

    assertThat(ranking(byRevenue)).isEqualTo(expectedRanking(window, d -> d.revenue().movePointRight(2).longValue(), 3));
    assertThat(ranking(byUnits)).isEqualTo(expectedRanking(window, Day::units, 10));
    assertThat(ranking(byRevenue)).containsExactly(42L, 44L, 41L);
    JsonObject first = byRevenue.getJsonArray("items").getJsonObject(0);
    assertThat(first.getString("name")).isEqualTo("Product 42");
    assertThat(measures(first)).isEqualTo("2 / 300.00 / 2");
    assertThat(byRevenue.getString("by")).isEqualTo("revenue");
    assertThat(byRevenue.getJsonObject("meta")).as("names just read").isEqualTo(new JsonObject().put("product", "live"));
    assertThat(byUnits.getJsonObject("meta")).as("three of four names from cache")
      .isEqualTo(new JsonObject().put("product", "cached"));
  }

  private static List<Long> ranking(JsonObject top) {
    return ids(top.getJsonArray("items"));
  }

  private static List<Long> ids(JsonArray items) {
    return items.stream().map(item -> ((JsonObject) item).getLong("id")).toList();
  }

  private static List<Long> expectedRanking(Window window, ToLongFunction<Day> measure, int limit) {
    Map<Long, Long> totals = written(PRODUCTS, "GBP", window).stream()
      .collect(Collectors.groupingBy(Day::id, Collectors.summingLong(measure)));
    return totals.entrySet().stream()
      .sorted(Comparator.<Map.Entry<Long, Long>>comparingLong(Map.Entry::getValue).reversed()
        .thenComparing(Map.Entry::getKey))
      .limit(limit).map(Map.Entry::getKey).toList();
  }

  @Test
  @DisplayName("The summary totals the window over all brands, beside the window before it, with the average order and each day's revenue")
  void summary() {
    Window window = window("2025-05-03", "2025-05-04");

    JsonObject summary = await(queries.summary(window, "CHF"));

    List<Day> brandDays = written(BRANDS, "CHF", window);
    List<Day> previous = written(BRANDS, "CHF", window.previous());
    JsonObject totals = summary.getJsonObject("totals");
    assertThat(measures(totals)).isEqualTo(measures(brandDays));
    BigDecimal revenue = brandDays.stream().map(Day::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
    long orders = brandDays.stream().mapToLong(Day::orders).sum();
    assertThat(new BigDecimal(totals.getValue("averageOrderValue").toString()))
      .isEqualByComparingTo(revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP));
    assertThat(measures(summary.getJsonObject("previousTotals"))).isEqualTo(measures(previous));
    assertThat(summary.getJsonObject("previousWindow")).isEqualTo(window.previous().toJson());
    JsonArray daily = summary.getJsonArray("daily");
    assertThat(daily.stream().map(d -> measures((JsonObject) d)).toList()).containsExactly(
      measures(brandDays.subList(0, 1)), measures(brandDays.subList(1, 2)));
    assertThat(ids(summary.getJsonArray("topBrands"))).containsExactly(51L, 52L);
    assertThat(ids(summary.getJsonArray("topStores"))).containsExactly(53L);
  }
}
