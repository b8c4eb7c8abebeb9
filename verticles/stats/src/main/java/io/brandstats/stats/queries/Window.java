package io.brandstats.stats.queries;

import io.brandstats.common.Problem;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The days a statistic covers, both ends included (UTC days); by default the last 30 days. */
public record Window(LocalDate from, LocalDate to) {

  static final int DEFAULT_DAYS = 30;
  static final int MAX_DAYS = 3660;

  /** The window a query asks for (from, to: ISO dates); a 400 when from is after to or the window is too long. */
  public static Window from(JsonObject query) {
    LocalDate to = query.getString("to") != null ? LocalDate.parse(query.getString("to")) : LocalDate.now(ZoneOffset.UTC);
    LocalDate from = query.getString("from") != null ? LocalDate.parse(query.getString("from"))
      : to.minusDays(DEFAULT_DAYS - 1);
    if (from.isAfter(to)) {
      throw Problem.badRequest("from is after to.").withFieldError("query", "from", "must not be after to").toException();
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw Problem.badRequest("The window is longer than " + MAX_DAYS + " days.")
        .withFieldError("query", "from", "must be within " + MAX_DAYS + " days of to").toException();
    }
    return new Window(from, to);
  }

  long days() {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }

  /** The window of the same length just before this one, for deltas. */
  Window previous() {
    return new Window(from.minusDays(days()), from.minusDays(1));
  }

  JsonObject toJson() {
    return new JsonObject().put("from", from.toString()).put("to", to.toString());
  }
}
