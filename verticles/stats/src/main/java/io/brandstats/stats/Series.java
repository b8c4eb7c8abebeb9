package io.brandstats.stats;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.Map;

/** Daily rollup rows grouped into day, week (ISO, from Monday) or month buckets, empty buckets included. */
final class Series {

  enum Interval { DAY, WEEK, MONTH }

  private Series() {
  }

  /** {@code {"series":[{"period":..,"units":..,"revenue":..,"orders":..}],"totals":{..}}} */
  static JsonObject of(Iterable<Row> days, LocalDate from, LocalDate to, Interval interval) {
    Map<LocalDate, Measures> buckets = new LinkedHashMap<>();
    for (LocalDate bucket = start(from, interval); !bucket.isAfter(to); bucket = next(bucket, interval)) {
      buckets.put(bucket, new Measures());
    }
    Measures totals = new Measures();
    for (Row row : days) {
      LocalDate day = row.getLocalDate("day");
      Measures bucket = buckets.get(start(day, interval));
      bucket.add(row);
      totals.add(row);
    }
    JsonArray series = new JsonArray();
    buckets.forEach((period, measures) -> series.add(measures.toJson().put("period", period.toString())));
    return new JsonObject().put("series", series).put("totals", totals.toJson());
  }

  private static LocalDate start(LocalDate day, Interval interval) {
    return switch (interval) {
      case DAY -> day;
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
    };
  }

  private static LocalDate next(LocalDate bucket, Interval interval) {
    return switch (interval) {
      case DAY -> bucket.plusDays(1);
      case WEEK -> bucket.plusWeeks(1);
      case MONTH -> bucket.plusMonths(1);
    };
  }

  /** Units, revenue and orders, summed. */
  static final class Measures {

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
