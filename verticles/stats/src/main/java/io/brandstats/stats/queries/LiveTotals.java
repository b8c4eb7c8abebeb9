package io.brandstats.stats.queries;

import io.brandstats.stats.rollups.ReportingZone;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;

/**
 * What a live feed shows, for one set of filters and a currency: today's figures (reporting-zone day, from the
 * rollups) and the last 60 minutes' (raw sales by sold_at, one hour of them), both counted up to the same
 * watermark, with asOf. Served on the stats service's event-bus address as the action {@code liveTotals}
 * (not a contract operation): a live feed in the gateway can ask it after each {@code stats.folded}.
 */
public final class LiveTotals {

  private final Pool pool;
  private final Figuring figuring;

  LiveTotals(Pool pool, Figuring figuring) {
    this.pool = pool;
    this.figuring = figuring;
  }

  /**
   * {@code {"asOf", "day", "today": {units, revenue, orders}, "lastHour": {...}, "currency", "timeZone",
   * "watermark"}}; query: the statistics' filters and currency.
   */
  public Future<JsonObject> totals(JsonObject query, ReportingZone zone, String defaultCurrency) {
    Filters filters = Filters.from(query);
    String currency = query.getString("currency", defaultCurrency);
    ZonedDateTime now = ZonedDateTime.now(zone.id());
    LocalDate today = now.toLocalDate();
    Question question = new Question(new Window(today, today), Compare.PREVIOUS, filters, currency, zone, now);
    return figuring.state().compose(state -> {
      Future<Figuring.Days> day = figuring.days(question, filters, today, today);
      LocalDateTime hourAgo = ReportingZone.utc(now.toInstant().minusSeconds(3600));
      Future<Figures> hour = pool.preparedQuery(StatsSql.cut(filters)).execute(filters.bind(Tuple.of(currency,
          hourAgo, LocalDateTime.of(9999, 12, 31, 0, 0), state.watermark())))
        .map(rows -> Figures.of(today, rows.iterator().next()));
      return Future.all(day, hour).map(both -> {
        Figures sum = new Figures(today);
        day.result().figures().forEach(sum::add);
        return new JsonObject().put("asOf", Figuring.millis(state.asOf())).put("day", today.toString())
          .put("today", sum.toJson()).put("lastHour", hour.result().toJson()).put("currency", currency)
          .put("timeZone", zone.name()).put("watermark", state.watermark());
      });
    });
  }
}
