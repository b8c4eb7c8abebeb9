package io.brandstats.stats.queries;

import io.brandstats.stats.rollups.ReportingZone;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

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

  private final Pool pool;
  private final CutCache cuts;

  /** A UTC date-time as RFC 3339 to the millisecond, or null. */
  static String millis(LocalDateTime utc) {
    return utc == null ? null : MILLIS.format(utc);
  }

  Figuring(Pool pool, CutCache cuts) {
    this.pool = pool;
    this.cuts = cuts;
  }

  Future<State> state() {
    return pool.query("SELECT watermark, as_of FROM rollup_state WHERE id = 1").execute()
      .map(rows -> {
        Row row = rows.iterator().next();
        return new State(row.getLong("watermark"), row.getLocalDateTime("as_of"));
      });
  }

  /** Day by day in the requested currency (units and orders of every currency). */
  Future<List<Figures>> days(Question question, Filters filters, LocalDate from, LocalDate to) {
    if (from.isAfter(to)) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery(StatsSql.days(filters)).execute(filters.bind(Tuple.of(question.currency(), from, to)))
      .map(rows -> {
        List<Figures> days = new ArrayList<>();
        rows.forEach(row -> days.add(Figures.of(row.getLocalDate("day"), row)));
        return days;
      });
  }

  Future<Compared> compared(Question question, Filters filters, State state) {
    Window window = question.window();
    Window before = question.compared();
    Future<List<Figures>> current = days(question, filters, window.from(), window.to());
    Future<JsonArray> others = otherCurrencies(question, filters);
    if (!question.likeForLike()) {
      Future<List<Figures>> previous = days(question, filters, before.from(), before.to());
      return Future.all(current, previous, others).map(all ->
        new Compared(state, current.result(), previous.result(), before, null, others.result()));
    }
    ReportingZone zone = question.zone();
    LocalDateTime dayStart = zone.startOf(before.to());
    LocalDateTime cutAt = ReportingZone.utc(before.to().atTime(question.now().toLocalTime())
      .atZone(zone.id()).toInstant());
    Future<List<Figures>> previous = days(question, filters, before.from(), before.to().minusDays(1));
    Future<Figures> cut = cut(question, filters, before.to(), dayStart, cutAt, state);
    return Future.all(current, previous, cut, others).map(all -> {
      List<Figures> days = new ArrayList<>(previous.result());
      days.add(cut.result());
      return new Compared(state, current.result(), days, before, cutAt, others.result());
    });
  }

  private Future<Figures> cut(Question question, Filters filters, LocalDate day, LocalDateTime from, LocalDateTime to,
                              State state) {
    String key = filters.key() + '|' + question.currency() + '|' + from + '|' + to;
    return cuts.get(key, from, to, () -> pool.preparedQuery(StatsSql.cut(filters))
      .execute(filters.bind(Tuple.of(question.currency(), from, to, state.watermark())))
      .map(rows -> Figures.of(day, rows.iterator().next())));
  }

  /** Revenue in each currency but the requested one, in the window, with the same filters. */
  Future<JsonArray> otherCurrencies(Question question, Filters filters) {
    Window window = question.window();
    return pool.preparedQuery(StatsSql.currencies(filters)).execute(filters.bind(Tuple.of(window.from(), window.to())))
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
