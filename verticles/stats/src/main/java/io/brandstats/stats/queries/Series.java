package io.brandstats.stats.queries;

import io.vertx.core.json.JsonArray;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Days grouped into day, week or month periods, empty ones included, each saying whether it is complete. */
final class Series {

  private final Map<LocalDate, Figures> periods = new LinkedHashMap<>();
  private final Figures totals = new Figures(null);
  private final List<Boolean> complete = new ArrayList<>();

  /**
   * @param window     the days counted
   * @param firstPeriod the first period's first day: the window's, or (aligned by position) the comparison's
   * @param count      how many periods; -1: as many as the window spans
   * @param incomplete the first day that is not complete (today in the reporting zone, or a cut day)
   */
  Series(List<Figures> days, Window window, Interval interval, int count, LocalDate incomplete) {
    LocalDate period = interval.start(window.from());
    for (int i = 0; count < 0 ? !period.isAfter(window.to()) : i < count; i++, period = interval.next(period)) {
      periods.put(period, new Figures(period));
      LocalDate last = interval.next(period).minusDays(1);
      complete.add(!period.isBefore(window.from()) && !last.isAfter(window.to()) && last.isBefore(incomplete));
    }
    for (Figures day : days) {
      Figures bucket = periods.get(interval.start(day.day));
      if (bucket != null) {
        bucket.add(day);
      }
      totals.add(day);
    }
  }

  int size() {
    return periods.size();
  }

  Figures totals() {
    return totals;
  }

  JsonArray toJson() {
    JsonArray points = new JsonArray();
    int i = 0;
    for (Figures figures : periods.values()) {
      points.add(figures.toJson().put("period", figures.day.toString()).put("complete", complete.get(i++)));
    }
    return points;
  }
}
