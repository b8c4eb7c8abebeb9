package io.brandstats.stats.queries;

import io.brandstats.stats.rollups.ReportingZone;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.brandstats.common.replica.ReadPools;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a window and of its comparison window, day by day, as of the rollups' watermark; when the
 * window ends today, the comparison's last day is cut at the same time of day (raw sales of that day up to the
 * cut, counted up to the same watermark), so partial days are compared like for like.
 */
final class Figuring {

  /** What the rollups held when asked: sales up to watermark, the newest soldAt among them. */
  record State(long watermark, LocalDateTime asOf) {
  }

  /** Both windows' days, the cut (UTC) or null, and the other currencies' revenue in the window. */
  record Compared(State state, List<Figures> current, List<Figures> previous, Window previousWindow,
                  LocalDateTime cutAt, JsonArray otherCurrencies) {

    JsonObject comparison() {
      return new JsonObject().put("likeForLike", cutAt != null)
        .put("cutAt", millis(cutAt))
        .put("daysWithSales", daysWithSales(current)).put("previousDaysWithSales", daysWithSales(previous));
    }

    private static long daysWithSales(List<Figures> days) {
      return days.stream().filter(day -> day.orders > 0).count();
    }
  }

  private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");

  private final ReadPools reads;
  private final CutCache cuts;

  /** A UTC date-time as RFC 3339 to the millisecond, or null. */
  static String millis(LocalDateTime utc) {
    return utc == null ? null : MILLIS.format(utc);
  }

  Figuring(ReadPools reads, CutCache cuts) {
    this.reads = reads;
    this.cuts = cuts;
  }

  Future<State> state() {
    return reads.readAggregate(client -> client.query("SELECT watermark, as_of FROM rollup_state WHERE id = 1").execute())
      .map(rows -> {
        Row row = rows.iterator().next();
        return new State(row.getLong("watermark"), row.getLocalDateTime("as_of"));
      });
  }

  /** Days with figures, and the revenue of each other currency over them. */
  record Days(List<Figures> figures, JsonArray otherCurrencies) {
  }

  /**
   * Day by day: units and orders of every currency, revenue of the requested one; the other currencies' revenue
   * summed beside (one statement: the rollups keep a row per currency).
   */
  Future<Days> days(Question question, Filters filters, LocalDate from, LocalDate to) {
    if (from.isAfter(to)) {
      return Future.succeededFuture(new Days(List.of(), new JsonArray()));
    }
    return reads.readAggregate(client -> client.preparedQuery(StatsSql.days(filters))
      .execute(filters.bind(Tuple.of(from, to)))).map(rows -> {
      Map<LocalDate, Figures> days = new TreeMap<>();
      Map<String, BigDecimal> others = new TreeMap<>();
      for (Row row : rows) {
        LocalDate day = row.getLocalDate("day");
        String currency = row.getString("currency");
        Figures figures = days.computeIfAbsent(day, Figures::new);
        figures.units += row.getLong("units");
        figures.orders += row.getLong("orders");
        if (currency.equals(question.currency())) {
          figures.revenue = figures.revenue.add(row.getBigDecimal("revenue"));
        } else {
          others.merge(currency, row.getBigDecimal("revenue"), BigDecimal::add);
        }
      }
      JsonArray otherCurrencies = new JsonArray();
      others.forEach((currency, revenue) -> otherCurrencies.add(new JsonObject().put("currency", currency)
        .put("revenue", revenue)));
      return new Days(new ArrayList<>(days.values()), otherCurrencies);
    });
  }

  /** The window's and its comparison's days, once the rollups' state is known (the cut counts up to it). */
  Future<Compared> compared(Question question, Filters filters, Future<State> state) {
    Window window = question.window();
    Window before = question.compared();
    Future<Days> current = days(question, filters, window.from(), window.to());
    if (!question.likeForLike()) {
      Future<Days> previous = days(question, filters, before.from(), before.to());
      return Future.all(current, previous, state).map(all -> new Compared(state.result(), current.result().figures(),
        previous.result().figures(), before, null, current.result().otherCurrencies()));
    }
    ReportingZone zone = question.zone();
    LocalDateTime dayStart = zone.startOf(before.to());
    LocalDateTime cutAt = ReportingZone.utc(before.to().atTime(question.now().toLocalTime())
      .atZone(zone.id()).toInstant());
    Future<Days> previous = days(question, filters, before.from(), before.to().minusDays(1));
    Future<Figures> cut = state.compose(known -> cut(question, filters, before.to(), dayStart, cutAt, known));
    return Future.all(current, previous, cut).map(all -> {
      List<Figures> days = new ArrayList<>(previous.result().figures());
      days.add(cut.result());
      return new Compared(state.result(), current.result().figures(), days, before, cutAt,
        current.result().otherCurrencies());
    });
  }

  private Future<Figures> cut(Question question, Filters filters, LocalDate day, LocalDateTime from, LocalDateTime to,
                              State state) {
    String key = filters.key() + '|' + question.currency() + '|' + from;
    String currency = question.currency();
    return cuts.get(key, from, to, state.watermark(), new CutCache.Reader() {
      @Override
      public Future<Figures> whole(LocalDateTime end, long watermark) {
        return read(day, StatsSql.cut(filters), filters.bind(Tuple.of(currency, from, end, watermark)));
      }

      @Override
      public Future<Figures> growth(LocalDateTime oldEnd, long oldWatermark, LocalDateTime end, long watermark) {
        Tuple params = filters.bind(Tuple.of(currency, oldEnd, end, watermark)).addValue(oldWatermark)
          .addValue(watermark).addValue(from).addValue(oldEnd);
        return read(day, StatsSql.cutGrowth(filters), filters.bind(params));
      }
    });
  }

  private Future<Figures> read(LocalDate day, String sql, Tuple params) {
    return reads.readAggregate(client -> client.preparedQuery(sql).execute(params))
      .map(rows -> Figures.of(day, rows.iterator().next()));
  }

  /** Revenue in each currency but the requested one, in the window, with the same filters. */
  Future<JsonArray> otherCurrencies(Question question, Filters filters) {
    Window window = question.window();
    return reads.readAggregate(client -> client.preparedQuery(StatsSql.currencies(filters))
        .execute(filters.bind(Tuple.of(window.from(), window.to()))))
      .map(rows -> {
        JsonArray others = new JsonArray();
        for (Row row : rows) {
          if (!row.getString("currency").equals(question.currency())) {
            others.add(new JsonObject().put("currency", row.getString("currency"))
              .put("revenue", row.getBigDecimal("revenue")));
          }
        }
        return others;
      });
  }
}
