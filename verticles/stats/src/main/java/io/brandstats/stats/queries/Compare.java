package io.brandstats.stats.queries;

import java.util.Locale;

/** What a window is compared with: the window of equal length just before, or the same dates a year earlier. */
public enum Compare {
  PREVIOUS, YEAR;

  public static Compare of(String wire) {
    return wire == null ? PREVIOUS : valueOf(wire.toUpperCase(Locale.ROOT));
  }

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
