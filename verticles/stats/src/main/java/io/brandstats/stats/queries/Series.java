package io.brandstats.stats.queries;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** Daily rollup rows grouped into day, week or month buckets, empty buckets included. */
final class Series {

  private Series() {
  }

  /** {@code {"series":[{"period":..,"units":..,"revenue":..,"orders":..}],"totals":{..}}} */
  static JsonObject of(Iterable<Row> days, LocalDate from, LocalDate to, Interval interval) {
    Map<LocalDate, Measures> buckets = new LinkedHashMap<>();
    for (LocalDate bucket = interval.start(from); !bucket.isAfter(to); bucket = interval.next(bucket)) {
      buckets.put(bucket, new Measures());
    }
    Measures totals = new Measures();
    for (Row row : days) {
      LocalDate day = row.getLocalDate("day");
      Measures bucket = buckets.get(interval.start(day));
      bucket.add(row);
      totals.add(row);
    }
    JsonArray series = new JsonArray();
    buckets.forEach((period, measures) -> series.add(measures.toJson().put("period", period.toString())));
    return new JsonObject().put("series", series).put("totals", totals.toJson());
  }

  /** Units, revenue and orders, summed. */
  private static final class Measures {

    private long units;
    private BigDecimal revenue = BigDecimal.ZERO.setScale(2);
    private long orders;

    void add(Row row) {
      units += row.getLong("units");
      revenue = revenue.add(row.getBigDecimal("revenue"));
      orders += row.getLong("orders");
    }

    JsonObject toJson() {
      return new JsonObject().put("units", units).put("revenue", revenue).put("orders", orders);
    }
  }
}
