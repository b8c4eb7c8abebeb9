package io.brandstats.stats.queries;

import io.brandstats.stats.rollups.ReportingZone;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * What every statistic is asked: a window of reporting-zone days, what it is compared with, the filters, the
 * currency of revenue, and the moment it is asked (which day is today, and where a like-for-like cut falls).
 */
public record Question(Window window, Compare compare, Filters filters, String currency, ReportingZone zone,
                       ZonedDateTime now) {

  /** From a validated query; a 400 for a window the contract cannot refuse (from after to, over 3 years). */
  public static Question of(JsonObject query, ReportingZone zone, String defaultCurrency) {
    ZonedDateTime now = ZonedDateTime.now(zone.id()).truncatedTo(ChronoUnit.SECONDS);
    return new Question(Window.from(query, now.toLocalDate()), Compare.of(query.getString("compare")),
      Filters.from(query), query.getString("currency", defaultCurrency), zone, now);
  }

  LocalDate today() {
    return now.toLocalDate();
  }

  Window compared() {
    return window.compared(compare);
  }

  /** The window ends today: its last day is incomplete, so the comparison is cut at the same time of day. */
  boolean likeForLike() {
    return window.to().equals(today());
  }
}
