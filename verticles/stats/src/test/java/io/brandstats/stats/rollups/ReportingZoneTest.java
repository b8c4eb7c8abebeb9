package io.brandstats.stats.rollups;

import io.brandstats.common.replica.ReadPools;
import static io.brandstats.common.testing.ServiceCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.Migrations;
import io.brandstats.common.Pools;
import io.brandstats.common.testing.EmbeddedDatabase;
import io.brandstats.stats.FakeOwners;
import io.brandstats.stats.queries.Question;
import io.brandstats.stats.queries.StatsQueries;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Days of the reporting zone: sales around Europe/Berlin's daylight-saving changes of 2025, folded in UTC, then
 * rebuilt in Berlin as a start with another stats.timeZone does.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The reporting time zone")
class ReportingZoneTest {

  @RegisterExtension
  static final EmbeddedDatabase DB = new EmbeddedDatabase();

  /** Around 30 March (23 hours in Berlin) and 26 October (25 hours). */
  private static final List<Instant> SOLD = List.of(
    Instant.parse("2025-03-29T22:59:59.999Z"), Instant.parse("2025-03-29T23:30:00Z"),
    Instant.parse("2025-03-30T21:30:00Z"), Instant.parse("2025-03-30T22:00:00Z"),
    Instant.parse("2025-10-25T22:30:00Z"), Instant.parse("2025-10-26T22:30:00Z"),
    Instant.parse("2025-10-26T23:00:00Z"));

  /** Sold 15 years apart: a fold of both spans 30 offset changes, more than it binds (it reads zone_offset). */
  private static final List<Instant> YEARS_APART = List.of(Instant.parse("2010-07-01T22:30:00Z"),
    Instant.parse("2025-06-15T22:30:00Z"));

  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void schema(Vertx vertx) {
    ReportingZoneTest.vertx = vertx;
    await(Migrations.migrate(vertx, DB.config(), "db/stats"));
    pool = Pools.create(vertx, DB.config());
    store(SOLD, "dst-");
  }

  private static void store(List<Instant> sold, String prefix) {
    for (int i = 0; i < sold.size(); i++) {
      await(pool.preparedQuery("INSERT INTO sale (event_id, product_id, store_id, brand_id, quantity, unit_price, amount,"
          + " currency, sold_at, received_at, category, country, channel)"
          + " VALUES (?, 1, 1, 1, ?, 1.00, ?, 'EUR', ?, ?, 'tents', 'DE', 'retail')")
        .execute(Tuple.of(prefix + i, i + 1, i + 1, LocalDateTime.ofInstant(sold.get(i), ZoneOffset.UTC),
          LocalDateTime.ofInstant(sold.get(i), ZoneOffset.UTC))));
    }
  }

  /** Orders per day as the test expects them in a zone. */
  private static Map<LocalDate, Long> expected(List<Instant> sold, ZoneId zone) {
    return sold.stream().collect(Collectors.groupingBy(instant -> LocalDate.ofInstant(instant, zone), TreeMap::new,
      Collectors.counting()));
  }

  private static Map<LocalDate, Long> rolled() {
    Map<LocalDate, Long> days = new TreeMap<>();
    for (Row row : await(pool.query("SELECT day, orders FROM roll_day").execute())) {
      days.put(row.getLocalDate("day"), row.getLong("orders"));
    }
    return days;
  }

  @Test
  @DisplayName("Days are UTC's, then, after a change of zone rebuilds the rollups, Berlin's: 23:30 UTC is the next "
    + "Berlin day, a 23- or 25-hour day is one day, and sales years apart fold into their own Berlin days")
  void utcThenBerlin() {
    RollupChecks.foldAll(vertx, pool, "UTC");
    assertThat(rolled()).isEqualTo(expected(SOLD, ZoneOffset.UTC));
    RollupChecks.assertRollupsEqualGroupBy(pool);

    RollupChecks.foldAll(vertx, pool, "Europe/Berlin");

    Map<LocalDate, Long> berlin = rolled();
    assertThat(berlin).isEqualTo(expected(SOLD, ZoneId.of("Europe/Berlin")));
    assertThat(berlin).containsEntry(LocalDate.of(2025, 3, 30), 2L).containsEntry(LocalDate.of(2025, 3, 31), 1L)
      .containsEntry(LocalDate.of(2025, 10, 26), 2L).containsEntry(LocalDate.of(2025, 10, 27), 1L);
    assertThat(await(pool.query("SELECT time_zone FROM rollup_state").execute()).iterator().next().getString(0))
      .isEqualTo("Europe/Berlin");
    RollupChecks.assertRollupsEqualGroupBy(pool);

    JsonObject summary = await(berlinQueries().summary(Question.of(new JsonObject().put("from", "2025-03-30")
      .put("to", "2025-03-31"), ReportingZone.of("Europe/Berlin"), "EUR")));
    assertThat(summary.getString("timeZone")).isEqualTo("Europe/Berlin");
    assertThat(summary.getJsonArray("daily").stream().map(day -> ((JsonObject) day).getLong("orders")).toList())
      .as("30 March (23 hours) and 31 March in Berlin").containsExactly(2L, 1L);

    store(YEARS_APART, "apart-");
    RollupChecks.foldAll(vertx, pool, "Europe/Berlin");

    List<Instant> all = new ArrayList<>(SOLD);
    all.addAll(YEARS_APART);
    assertThat(rolled()).isEqualTo(expected(all, ZoneId.of("Europe/Berlin")))
      .containsEntry(LocalDate.of(2010, 7, 2), 1L).containsEntry(LocalDate.of(2025, 6, 16), 1L);
    RollupChecks.assertRollupsEqualGroupBy(pool);
  }

  /** Statistics over this database, names from fake owners that know none of the ids. */
  private static StatsQueries berlinQueries() {
    FakeOwners owners = FakeOwners.deploy(vertx);
    JsonObject config = owners.config();
    config.getJsonObject("upstreams").put("retries", 0);
    return new StatsQueries(ReadPools.create(vertx, "stats", pool, null), FakeOwners.clients(vertx, config), "EUR", 30_000);
  }

  @Test
  @DisplayName("A day of the zone starts at its local midnight, in UTC as sold_at holds it")
  void dayStarts() {
    ReportingZone berlin = ReportingZone.of("Europe/Berlin");
    assertThat(berlin.startOf(LocalDate.of(2025, 3, 30))).isEqualTo(LocalDateTime.of(2025, 3, 29, 23, 0));
    assertThat(berlin.startOf(LocalDate.of(2025, 3, 31))).isEqualTo(LocalDateTime.of(2025, 3, 30, 22, 0));
    assertThat(berlin.offsetSpans()).allSatisfy(span -> assertThat(span.getLocalDateTime(0))
      .isBefore(span.getLocalDateTime(1)));
    Tuple summer = berlin.offsetsBetween(LocalDateTime.of(2025, 3, 1, 0, 0), LocalDateTime.of(2025, 4, 1, 0, 0), 16);
    assertThat(summer.size()).isEqualTo(3);
    assertThat(summer.getLocalDateTime(0)).isEqualTo(LocalDateTime.of(2025, 3, 30, 1, 0));
    assertThat(summer.getInteger(1)).isEqualTo(60);
    assertThat(summer.getInteger(2)).isEqualTo(120);
    assertThat(berlin.offsetsBetween(LocalDateTime.of(2005, 1, 1, 0, 0), LocalDateTime.of(2025, 1, 1, 0, 0), 16)).isNull();
  }
}
