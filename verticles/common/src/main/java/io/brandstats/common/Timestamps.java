package io.brandstats.common;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Times are stored as UTC DATETIME(3) and shown as ISO-8601 instants. */
public final class Timestamps {

  private Timestamps() {
  }

  public static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
  }

  public static String iso(LocalDateTime utc) {
    return utc.toInstant(ZoneOffset.UTC).toString();
  }
}
