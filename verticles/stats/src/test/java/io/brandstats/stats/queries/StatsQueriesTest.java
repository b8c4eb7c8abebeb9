package io.brandstats.stats.queries;

import static io.brandstats.common.testing.ServiceCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.Migrations;
import io.brandstats.common.Pools;
import io.brandstats.common.ProblemException;
import io.brandstats.common.replica.ReadPools;
import io.brandstats.common.testing.EmbeddedDatabase;
import io.brandstats.stats.FakeOwners;
import io.brandstats.stats.queries.SaleSet.Sale;
import io.brandstats.stats.rollups.Dimension;
import io.brandstats.stats.rollups.ReportingZone;
import io.brandstats.stats.rollups.RollupChecks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The statistics over a generated data set the test stores as sales and folds into the rollups, with names from
 * fake owner services; every expected figure is computed here from the sales the test stored. Brands 1-3 are the
 * generated set's (April 2025), brand 4 the leap-day set's.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The statistics")
class StatsQueriesTest {

  @RegisterExtension
  static final EmbeddedDatabase DB = new EmbeddedDatabase();

  private static final String FROM = "2025-04-01";
  private static final String TO = "2025-04-10";
  private static final ZoneOffset UTC = ZoneOffset.UTC;

  private static final SaleSet SALES = new SaleSet();
  private static final List<Sale> GENERATED = new ArrayList<>();
  private static final List<Sale> LEAP = new ArrayList<>();

  private static Vertx vertx;
  private static Pool pool;
  private static FakeOwners owners;
  private static StatsQueries queries;

  /** Products 11-16: brand 1 + p % 3, tents or stoves; stores 101-104: DE or AT, retail or online; 10 % in CHF. */
  @BeforeAll
  static void start(Vertx vertx) {
    StatsQueriesTest.vertx = vertx;
    await(Migrations.migrate(vertx, DB.config(), "db/stats"));
    pool = Pools.create(vertx, DB.config());
    owners = FakeOwners.deploy(vertx);
    JsonObject config = owners.config();
    config.getJsonObject("upstreams").put("retries", 0);
    queries = new StatsQueries(ReadPools.create(vertx, "stats", pool, null), FakeOwners.clients(vertx, config), "EUR",
      30_000);
    for (long brand = 1; brand <= 4; brand++) {
      owners.brand(brand, "Brand " + brand);
    }
    for (long store = 101; store <= 104; store++) {
      owners.store(store);
    }
    Random random = new Random(7);
    for (int i = 0; i < 400; i++) {
      long product = 11 + random.nextInt(6);
      long store = 101 + random.nextInt(4);
      LocalDateTime soldAt = LocalDate.parse(FROM).plusDays(random.nextInt(10)).atStartOfDay()
        .plusSeconds(random.nextInt(86_400));
      GENERATED.add(SALES.add(product, store, 1 + product % 3, product % 2 == 0 ? "tents" : "stoves",
        store % 2 == 0 ? "DE" : "AT", store <= 102 ? "retail" : "online", 1 + random.nextInt(4),
        (product - 5) + ".50", random.nextInt(10) == 0 ? "CHF" : "EUR", soldAt));
    }
    for (String day : List.of("2024-02-28", "2024-02-29", "2024-03-01", "2025-02-28", "2025-03-01")) {
      LEAP.add(SALES.add(41, 101, 4, "tents", "AT", "retail", LocalDate.parse(day).getDayOfMonth() % 5 + 1, "3.00",
        "EUR", LocalDate.parse(day).atTime(12, 0)));
    }
    SALES.store(pool, "set-");
    RollupChecks.foldAll(vertx, pool, "UTC");
  }

  @AfterEach
  void ownersAnswer() {
    owners.brands.answerOk();
  }

  private static Question ask(String from, String to, JsonObject filters) {
    return Question.of(filters.copy().put("from", from).put("to", to), ReportingZone.of("UTC"), "EUR");
  }

  private static String figures(JsonObject m) {
    return m.getLong("units") + " / " + new BigDecimal(m.getValue("revenue").toString()).setScale(2) + " / "
      + m.getLong("orders");
  }

  /** Whether a sale passes the filters, as the statistics apply them. */
  private static Predicate<Sale> matching(JsonObject filters) {
    return sale -> filters.fieldNames().stream().allMatch(name -> {
      Dimension dimension = List.of(Dimension.values()).stream().filter(d -> d.filter.equals(name)).findFirst().get();
      return sale.key(dimension).equals(filters.getValue(name).toString());
    });
  }

  /** Every filter alone, and every two of them. */
  private static List<JsonObject> filterSets() {
    List<JsonObject> single = List.of(new JsonObject().put("brandId", 1L), new JsonObject().put("productId", 12L),
      new JsonObject().put("storeId", 103L), new JsonObject().put("category", "tents"),
      new JsonObject().put("country", "AT"), new JsonObject().put("channel", "online"));
    List<JsonObject> sets = new ArrayList<>(single);
    for (int i = 0; i < single.size(); i++) {
      for (int j = i + 1; j < single.size(); j++) {
        sets.add(single.get(i).copy().mergeIn(single.get(j)));
      }
    }
    return sets;
  }

  @Test
  @DisplayName("The summary with every filter and every two filters: totals, each day, units and orders of every currency, revenue of one, the others listed")
  void summaryFiltered() {
    for (JsonObject filters : filterSets()) {
      JsonObject summary = await(queries.summary(ask(FROM, TO, filters)));

      Predicate<Sale> matching = matching(filters);
      assertThat(figures(summary.getJsonObject("totals"))).as("%s", filters)
        .isEqualTo(SaleSet.figures(GENERATED, matching, "EUR"));
      JsonArray daily = summary.getJsonArray("daily");
      assertThat(daily).hasSize(10);
      for (int d = 0; d < 10; d++) {
        LocalDate day = LocalDate.parse(FROM).plusDays(d);
        assertThat(figures(daily.getJsonObject(d))).as("%s on %s", filters, day)
          .isEqualTo(SaleSet.figures(GENERATED, matching.and(s -> s.day(UTC).equals(day)), "EUR"));
        assertThat(daily.getJsonObject(d).getBoolean("complete")).isTrue();
      }
      String chf = SaleSet.figures(GENERATED, matching, "CHF").split(" / ")[1];
      JsonArray others = summary.getJsonArray("otherCurrencies");
      assertThat(others.stream().map(o -> ((JsonObject) o).getString("currency") + " "
        + new BigDecimal(((JsonObject) o).getValue("revenue").toString()).setScale(2)).toList())
        .isEqualTo(new BigDecimal(chf).signum() == 0 ? List.of() : List.of("CHF " + chf));
      assertThat(summary.getJsonObject("filters")).isEqualTo(filters);
      assertThat(summary.getString("timeZone")).isEqualTo("UTC");
      assertThat(summary.getJsonObject("comparison").getBoolean("likeForLike")).isFalse();
    }
  }

  /** The expected ranking: keys with their figures, by the measure (descending), ties by key. */
  private static List<String> expectedTop(Dimension dimension, String by, Predicate<Sale> matching, int limit) {
    Map<String, List<Sale>> byKey = GENERATED.stream().filter(matching)
      .collect(Collectors.groupingBy(sale -> sale.key(dimension), LinkedHashMap::new, Collectors.toList()));
    Comparator<String> keys = dimension.isEntity() ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder();
    Comparator<Map.Entry<String, String>> order = Comparator.<Map.Entry<String, String>, BigDecimal>comparing(
      entry -> new BigDecimal(entry.getValue().split(" / ")[switch (by) {
        case "units" -> 0;
        case "orders" -> 2;
        default -> 1;
      }])).reversed().thenComparing(Map.Entry::getKey, keys);
    return byKey.entrySet().stream().map(e -> Map.entry(e.getKey(), SaleSet.figures(e.getValue(), s -> true, "EUR")))
      .sorted(order).limit(limit).map(e -> e.getKey() + ": " + e.getValue()).toList();
  }

  @Test
  @DisplayName("Top ranks every dimension by revenue, units and orders, with a filter, ties by key; entities with their names")
  void topEveryDimension() {
    for (Dimension dimension : Dimension.values()) {
      for (String by : List.of("revenue", "units", "orders")) {
        JsonObject filters = dimension == Dimension.COUNTRIES ? new JsonObject().put("channel", "retail")
          : new JsonObject().put("country", "DE");
        JsonObject top = await(queries.top(dimension, by, 3, ask(FROM, TO, filters)));

        List<String> ranked = top.getJsonArray("items").stream().map(JsonObject.class::cast)
          .map(item -> item.getString("key") + ": " + figures(item)).toList();
        assertThat(ranked).as("%s by %s", dimension, by).isEqualTo(expectedTop(dimension, by, matching(filters), 3));
        JsonObject first = top.getJsonArray("items").getJsonObject(0);
        if (dimension.isEntity()) {
          assertThat(first.getLong("id")).isEqualTo(Long.parseLong(first.getString("key")));
        } else {
          assertThat(first.containsKey("id")).isFalse();
          assertThat(first.getValue("name")).isNull();
        }
        assertThat(top.getString("dimension")).isEqualTo(dimension.wire());
        assertThat(top.getString("by")).isEqualTo(by);
      }
    }
    JsonObject brands = await(queries.top(Dimension.BRANDS, "revenue", 10, ask(FROM, TO, new JsonObject())));
    assertThat(brands.getJsonArray("items").getJsonObject(0).getString("name")).startsWith("Brand ");
  }

  @Test
  @DisplayName("A weekly series of a brand in one country: Monday periods, cut ones incomplete, the comparison aligned by position")
  void weeklySeries() {
    JsonObject filters = new JsonObject().put("country", "DE");
    JsonObject series = await(queries.series(Dimension.BRANDS, 1, ask(FROM, TO, filters), Interval.WEEK));

    Predicate<Sale> brandInDe = matching(filters).and(sale -> sale.brand() == 1);
    JsonArray points = series.getJsonArray("series");
    List<String> periods = points.stream().map(p -> ((JsonObject) p).getString("period")).toList();
    assertThat(periods).containsExactly("2025-03-31", "2025-04-07");
    for (int i = 0; i < 2; i++) {
      LocalDate start = LocalDate.parse(periods.get(i));
      assertThat(figures(points.getJsonObject(i))).isEqualTo(SaleSet.figures(GENERATED, brandInDe.and(sale ->
        !sale.day(UTC).isBefore(start) && sale.day(UTC).isBefore(start.plusWeeks(1))), "EUR"));
    }
    assertThat(points.getJsonObject(0).getBoolean("complete")).as("starts before the window").isFalse();
    assertThat(points.getJsonObject(1).getBoolean("complete")).as("ends after the window").isFalse();
    assertThat(figures(series.getJsonObject("totals"))).isEqualTo(SaleSet.figures(GENERATED, brandInDe, "EUR"));
    assertThat(series.getJsonArray("previousSeries")).hasSize(2);
    assertThat(series.getJsonArray("previousSeries").getJsonObject(0).getString("period")).isEqualTo("2025-03-17");
    assertThat(series.getJsonObject("previousWindow")).isEqualTo(new JsonObject().put("from", "2025-03-22")
      .put("to", "2025-03-31"));
  }

  @Test
  @DisplayName("compare=year across a leap day: the same dates a year earlier, 29 February included in its window and mapped to the 28th")
  void yearAcrossLeapDay() {
    JsonObject brand4 = new JsonObject().put("brandId", 4L);
    Question question = Question.of(brand4.copy().put("from", "2025-02-28").put("to", "2025-03-01")
      .put("compare", "year"), ReportingZone.of("UTC"), "EUR");

    JsonObject summary = await(queries.summary(question));
    JsonObject series = await(queries.series(Dimension.BRANDS, 4, question, Interval.DAY));
    JsonObject leapDay = await(queries.summary(Question.of(new JsonObject().put("from", "2024-02-29")
      .put("to", "2024-02-29").put("compare", "year"), ReportingZone.of("UTC"), "EUR")));

    assertThat(summary.getJsonObject("previousWindow")).isEqualTo(new JsonObject().put("from", "2024-02-28")
      .put("to", "2024-03-01"));
    assertThat(figures(summary.getJsonObject("totals"))).isEqualTo(SaleSet.figures(LEAP,
      sale -> sale.soldAt().getYear() == 2025, "EUR"));
    assertThat(figures(summary.getJsonObject("previousTotals"))).isEqualTo(SaleSet.figures(LEAP,
      sale -> sale.soldAt().getYear() == 2024, "EUR"));
    assertThat(summary.getString("compare")).isEqualTo("year");
    assertThat(series.getJsonArray("previousSeries").stream().map(p -> ((JsonObject) p).getString("period")).toList())
      .containsExactly("2024-02-28", "2024-02-29");
    assertThat(figures(series.getJsonArray("previousSeries").getJsonObject(1))).isEqualTo(SaleSet.figures(LEAP,
      sale -> sale.soldAt().toLocalDate().equals(LocalDate.of(2024, 2, 29)), "EUR"));
    assertThat(leapDay.getJsonObject("previousWindow")).isEqualTo(new JsonObject().put("from", "2023-02-28")
      .put("to", "2023-02-28"));
  }

  @Test
  @DisplayName("A window ending today is compared like for like: the comparison's last day is cut at the same time of day")
  void partialCurrentDay() {
    Question asked = Question.of(new JsonObject(), ReportingZone.of("UTC"), "EUR");
    LocalDateTime now = asked.now().toLocalDateTime();
    Question question = new Question(new Window(now.toLocalDate(), now.toLocalDate()), Compare.PREVIOUS,
      Filters.from(new JsonObject().put("brandId", 5L)), "EUR", asked.zone(), asked.now());
    owners.brand(5, "Brand 5");
    SaleSet today = new SaleSet();
    for (long minutes : new long[] {10, 50, 60 * 23 + 30, 60 * 24 + 20, 60 * 25, 60 * 24 - 40, 60 * 30}) {
      today.add(51, 102, 5, "stoves", "DE", "retail", (int) (minutes % 4) + 1, "2.00", "EUR",
        now.minusMinutes(minutes).withNano(0));
    }
    today.store(pool, "today-");
    RollupChecks.foldAll(vertx, pool, "UTC");

    JsonObject summary = await(queries.summary(question));

    LocalDate day = now.toLocalDate();
    LocalDateTime cut = now.minusDays(1);
    assertThat(figures(summary.getJsonObject("totals"))).isEqualTo(SaleSet.figures(today.all(),
      sale -> sale.soldAt().toLocalDate().equals(day), "EUR"));
    assertThat(figures(summary.getJsonObject("previousTotals"))).isEqualTo(SaleSet.figures(today.all(),
      sale -> sale.soldAt().toLocalDate().equals(day.minusDays(1)) && sale.soldAt().isBefore(cut), "EUR"));
    JsonObject comparison = summary.getJsonObject("comparison");
    assertThat(comparison.getBoolean("likeForLike")).isTrue();
    assertThat(comparison.getString("cutAt")).isEqualTo(Figuring.millis(cut));
    assertThat(summary.getJsonArray("daily").getJsonObject(0).getBoolean("complete")).isFalse();
    LocalDateTime newest = today.all().stream().map(Sale::soldAt).max(Comparator.naturalOrder()).orElseThrow();
    assertThat(summary.getString("asOf")).isEqualTo(Figuring.millis(newest));
  }

  @Test
  @DisplayName("A cut asked again later counts what its past day sold since, and a late sale folded into its span, once")
  void cutFollowedLater() {
    Question asked = Question.of(new JsonObject(), ReportingZone.of("UTC"), "EUR");
    owners.brand(7, "Brand 7");
    LocalDateTime now = asked.now().toLocalDateTime();
    SaleSet sold = new SaleSet();
    for (long minutes : new long[] {60 * 24 + 30, 60 * 24 + 5, 60 * 24 - 5, 60 * 24 - 40, 60 * 24 - 90}) {
      sold.add(71, 103, 7, "stoves", "AT", "online", (int) (minutes % 3) + 1, "3.00", "EUR", now.minusMinutes(minutes));
    }
    sold.store(pool, "cut-");
    RollupChecks.foldAll(vertx, pool, "UTC");
    JsonObject first = await(queries.summary(at(asked, now)));

    SaleSet late = new SaleSet();
    late.add(71, 103, 7, "stoves", "AT", "online", 4, "3.00", "EUR", now.minusDays(1).minusMinutes(20));
    late.store(pool, "cut-late-");
    RollupChecks.foldAll(vertx, pool, "UTC");
    LocalDateTime later = now.plusMinutes(60);
    JsonObject second = await(queries.summary(at(asked, later)));

    List<Sale> all = new ArrayList<>(sold.all());
    all.addAll(late.all());
    LocalDate yesterday = now.toLocalDate().minusDays(1);
    assertThat(figures(first.getJsonObject("previousTotals"))).isEqualTo(SaleSet.figures(sold.all(),
      sale -> sale.soldAt().toLocalDate().equals(yesterday) && sale.soldAt().isBefore(now.minusDays(1)), "EUR"));
    assertThat(figures(second.getJsonObject("previousTotals"))).isEqualTo(SaleSet.figures(all,
      sale -> sale.soldAt().toLocalDate().equals(later.toLocalDate().minusDays(1))
        && sale.soldAt().isBefore(later.minusDays(1)), "EUR"));
  }

  /** Today's summary of brand 7 as asked at the given time of day (the same day; a later hour only moves the cut). */
  private static Question at(Question asked, LocalDateTime now) {
    return new Question(new Window(now.toLocalDate(), now.toLocalDate()), Compare.PREVIOUS,
      Filters.from(new JsonObject().put("brandId", 7L)), "EUR", asked.zone(), now.atZone(UTC));
  }

  @Test
  @DisplayName("A filter on an id its owner does not know is a 404; while the owner fails, the numbers come marked unavailable")
  void filterOnUnknownOrUnavailableOwner() {
    owners.brands.unknown(99);
    Future<JsonObject> unknown = queries.summary(ask(FROM, TO, new JsonObject().put("brandId", 99L)));
    await(unknown.otherwiseEmpty());
    owners.brands.answerError();
    // Brand 6 is asked for nowhere else, so it is not cached: its owner cannot say whether it exists.
    JsonObject down = await(queries.top(Dimension.STORES, "units", 10, ask(FROM, TO, new JsonObject().put("brandId", 6L))));

    assertThat(unknown.cause()).isInstanceOfSatisfying(ProblemException.class,
      e -> assertThat(e.problem().status()).isEqualTo(404));
    assertThat(down.getJsonObject("meta").getString("brand")).isEqualTo("unavailable");
    assertThat(down.getJsonArray("items")).isEmpty();
  }

  @Test
  @DisplayName("Every rollup equals GROUP BY over the stored sales")
  void rollupsEqualGroupBy() {
    RollupChecks.assertRollupsEqualGroupBy(pool);
  }
}
