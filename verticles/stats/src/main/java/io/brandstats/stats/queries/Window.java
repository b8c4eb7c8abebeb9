package io.brandstats.stats.queries;

import io.brandstats.common.Problem;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The days a statistic covers, both ends included, days of the reporting zone; by default the last 30. */
public record Window(LocalDate from, LocalDate to) {

  static final int DEFAULT_DAYS = 30;
  static final int MAX_YEARS = 3;

  /**
   * The window a query asks for (from, to: ISO dates in the reporting zone); a 400 naming from when from is
   * after to or more than 3 years before it.
   *
   * @param today today in the reporting zone: the default end
   */
  public static Window from(JsonObject query, LocalDate today) {
    LocalDate to = query.getString("to") != null ? LocalDate.parse(query.getString("to")) : today;
    LocalDate from = query.getString("from") != null ? LocalDate.parse(query.getString("from"))
      : to.minusDays(DEFAULT_DAYS - 1);
    if (from.isAfter(to)) {
      throw Problem.badRequest("from is after to.").withFieldError("query", "from", "must not be after to").toException();
    }
    if (from.isBefore(to.minusYears(MAX_YEARS))) {
      throw Problem.badRequest("The window is longer than " + MAX_YEARS + " years.")
        .withFieldError("query", "from", "must be within " + MAX_YEARS + " years of to").toException();
    }
    return new Window(from, to);
  }

  long days() {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }

  /** The window of the same length just before this one. */
  Window previous() {
    return new Window(from.minusDays(days()), from.minusDays(1));
  }

  /** The same calendar dates a year earlier (29 February becomes 28 February). */
  Window yearBefore() {
    return new Window(from.minusYears(1), to.minusYears(1));
  }

  Window compared(Compare compare) {
    return compare == Compare.YEAR ? yearBefore() : previous();
  }

  boolean contains(LocalDate day) {
    return !day.isBefore(from) && !day.isAfter(to);
  }

  JsonObject toJson() {
    return new JsonObject().put("from", from.toString()).put("to", to.toString());
  }
}
