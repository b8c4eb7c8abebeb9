package io.brandstats.common;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Times are stored as UTC DATETIME(3) and shown as ISO-8601 instants. */
public final class Timestamps {

  private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

  private Timestamps() {
  }

  public static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
  }

  public static String iso(LocalDateTime utc) {
    return utc.toInstant(ZoneOffset.UTC).toString();
  }

  /**
   * An RFC 3339 date-time as UTC, to the millisecond, exactly as {@link OffsetDateTime#parse} reads it.
   * The shape every client sends ({@code 2026-11-24T10:15:00.123Z}, any fraction, Z or ±hh:mm) is read
   * by hand: OffsetDateTime.parse took a tenth of the JVM's CPU when ingesting batches of sales. Anything
   * else, or anything out of range, goes to OffsetDateTime.parse, which accepts or refuses it.
   *
   * @throws java.time.format.DateTimeParseException when it is not a date-time
   */
  public static LocalDateTime utcMillis(String text) {
    LocalDateTime fast = common(text);
    if (fast != null) {
      return fast;
    }
    return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
      .truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * Whether text has the shape every client sends, yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±hh:mm), with every field in
   * range: what {@link #utcMillis} reads by hand.
   */
  public static boolean plain(String text) {
    return common(text) != null;
  }

  /** yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±hh:mm) read by hand, or null for any other text or a value out of range. */
  private static LocalDateTime common(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
      || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
        i++;
      }
      int length = i - start;
      if (length == 0 || (i < n && isDigit(s.charAt(i)))) {
        return null;
      }
      nanos = digits(s, start, length) * POWERS[9 - length];
    }
    int offsetSeconds;
    if (i == n - 1 && s.charAt(i) == 'Z') {
      offsetSeconds = 0;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int hours = digits(s, i + 1, 2);
      int minutes = digits(s, i + 4, 2);
      if ((hours | minutes) < 0) {
        return null;
      }
      int sign = s.charAt(i) == '-' ? -1 : 1;
      try {
        offsetSeconds = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes).getTotalSeconds();
      } catch (DateTimeException e) {
        return null;
      }
    } else {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos).minusSeconds(offsetSeconds)
        .truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The non-negative number written by count ASCII digits at start, or -1. */
  private static int digits(String s, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
