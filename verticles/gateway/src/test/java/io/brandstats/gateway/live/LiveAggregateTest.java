package io.brandstats.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A live aggregate counts each published sale once: those its snapshot did not count, and no other")
class LiveAggregateTest {

  private static final long MINUTE = 60_000;
  private static final long NOW = System.currentTimeMillis();
  /** A day around now, long enough that the test never crosses its end. */
  private static final long DAY_START = NOW - 10 * MINUTE;
  private static final long DAY_END = NOW + 24 * 60 * MINUTE;

  /** A snapshot whose newest id is 1000, which counted ids 1000 and 998 among the newest (not 999: still uncommitted). */
  private static LiveAggregate snapshot() {
    byte[] counted = new byte[16];
    counted[0] = 0b101; // ids 1000 (back 0) and 998 (back 2)
    return LiveAggregate.of(new JsonObject().put("currency", "EUR").put("timeZone", "UTC").put("day", "2026-11-30")
      .put("dayStart", DAY_START).put("dayEnd", DAY_END).put("lastId", 1000).put("recent", 128)
      .put("counted", Base64.getEncoder().encodeToString(counted))
      .put("today", new JsonArray().add(10).add(4).add(5000)).put("asOf", NOW - MINUTE)
      .put("minutes", new JsonArray().add(new JsonArray().add(Math.floorDiv(NOW - MINUTE, MINUTE)).add(3).add(2).add(1500)
        .add(NOW - MINUTE))));
  }

  private static LiveSale sale(long id, long soldAt, String currency) {
    return new LiveSale(id, soldAt, 1, 2, 3, "tents", "DE", "retail", currency, 2, 1250);
  }

  @Test
  @DisplayName("ids above the snapshot's newest count; ids it counted do not; a lower id it did not count does, once")
  void countsWhatTheSnapshotDidNot() {
    LiveAggregate aggregate = snapshot();
    assertThat(aggregate.apply(sale(1001, NOW, "EUR"))).isTrue();
    assertThat(aggregate.apply(sale(1000, NOW, "EUR"))).as("counted by the snapshot").isFalse();
    assertThat(aggregate.apply(sale(998, NOW, "EUR"))).as("counted by the snapshot").isFalse();
    assertThat(aggregate.apply(sale(999, NOW, "EUR"))).as("committed after the snapshot").isTrue();
    assertThat(aggregate.apply(sale(999, NOW, "EUR"))).as("told twice").isFalse();
    assertThat(aggregate.apply(sale(500, NOW, "EUR"))).as("older than the newest ids a snapshot reports").isFalse();
    assertThat(aggregate.today.units).isEqualTo(10 + 2 * 2);
    assertThat(aggregate.today.orders).isEqualTo(4 + 2);
    assertThat(aggregate.today.cents).isEqualTo(5000 + 2 * 1250);
    Tally hour = aggregate.lastHour(System.currentTimeMillis());
    assertThat(hour.units).isEqualTo(3 + 4);
    assertThat(hour.cents).isEqualTo(1500 + 2500);
  }

  @Test
  @DisplayName("units and orders count every currency, revenue only the stream's")
  void revenueInOneCurrency() {
    LiveAggregate aggregate = snapshot();
    aggregate.apply(sale(1001, NOW, "CHF"));
    assertThat(aggregate.today.units).isEqualTo(12);
    assertThat(aggregate.today.orders).isEqualTo(5);
    assertThat(aggregate.today.cents).isEqualTo(5000);
  }

  @Test
  @DisplayName("a sale before the day counts in the last hour only; one sold over an hour ago in neither")
  void windows() {
    LiveAggregate aggregate = snapshot();
    assertThat(aggregate.apply(sale(1001, DAY_START - MINUTE, "EUR"))).isTrue();
    assertThat(aggregate.today.units).isEqualTo(10);
    assertThat(aggregate.lastHour(System.currentTimeMillis()).units).isEqualTo(5);
    assertThat(aggregate.apply(sale(1002, NOW - 61 * MINUTE, "EUR"))).isFalse();
    // An hour later, the minutes of now have left the last hour.
    assertThat(aggregate.lastHour(System.currentTimeMillis() + 61 * MINUTE).units).isZero();
  }
}
