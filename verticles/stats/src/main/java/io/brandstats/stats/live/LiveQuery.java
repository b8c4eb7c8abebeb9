package io.brandstats.stats.live;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * One snapshot's question: the filters, the currency revenue is counted in, the reporting day (its bounds as
 * UTC) and the ring of minutes around now, all fixed once so every statement of the snapshot asks the same.
 *
 * @param ringStart the first minute of the ring (epoch minutes): the last hour ends with the current minute
 */
record LiveQuery(JsonObject filters, String currency, ZoneId zone, LocalDate day, LocalDateTime dayStart,
                 LocalDateTime dayEnd, long ringStart, LocalDateTime receivedAfter) {

  /** Minutes of the ring: the last hour, and as much again ahead for sales sold up to the allowed clock skew. */
  static final int RING_MINUTES = 120;
  /** Minutes of the ring up to and including the current one. */
  static final int HOUR = 60;

  static LiveQuery of(JsonObject request, String defaultCurrency, ZoneId zone, Instant now) {
    LocalDate day = LocalDate.ofInstant(now, zone);
    Long after = request.getLong("receivedAfter");
    return new LiveQuery(request.getJsonObject("filters", new JsonObject()),
      request.getString("currency", defaultCurrency), zone, day, utc(day.atStartOfDay(zone).toInstant()),
      utc(day.plusDays(1).atStartOfDay(zone).toInstant()), now.getEpochSecond() / 60 - (HOUR - 1),
      after == null ? null : utc(Instant.ofEpochMilli(after)));
  }

  LocalDateTime ringStartTime() {
    return utc(Instant.ofEpochSecond(ringStart * 60));
  }

  LocalDateTime ringEndTime() {
    return utc(Instant.ofEpochSecond((ringStart + RING_MINUTES) * 60));
  }

  /** The filter parameters every statement ends with: each filter twice (null: all). */
  Tuple filterParams(Tuple params) {
    for (String name : new String[] {"brandId", "productId", "storeId", "category", "country", "channel"}) {
      Object value = filters.getValue(name);
      params.addValue(value).addValue(value);
    }
    return params;
  }

  static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static long epochMs(LocalDateTime utc) {
    return utc.toInstant(ZoneOffset.UTC).toEpochMilli();
  }
}
