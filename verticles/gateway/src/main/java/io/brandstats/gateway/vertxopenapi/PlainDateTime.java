package io.brandstats.gateway.vertxopenapi;

import java.time.YearMonth;

/**
 * The date-times clients send almost always, recognised without a parser: {@code 2026-11-24T10:15:00Z}, with up to
 * nine fraction digits and a {@code Z} or {@code ±hh:mm} offset, every field in range (the day within its month,
 * leap years included; second 59 at most; offsets within ±17:59). Each such string passes vertx-json-schema's
 * {@code date-time} format, whose check (a pattern, then {@code DateTimeFormatter.ISO_DATE_TIME}) costs several
 * times more; anything else is left to that check.
 */
final class PlainDateTime {

  private PlainDateTime() {
  }

  static boolean recognised(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
      || s.charAt(16) != ':') {
      return false;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()
      || !inRange(digits(s, 11, 2), 23) || !inRange(digits(s, 14, 2), 59) || !inRange(digits(s, 17, 2), 59)) {
      return false;
    }
    int at = 19;
    if (s.charAt(at) == '.') {
      int end = at + 1;
      while (end < n && isDigit(s.charAt(end))) {
        end++;
      }
      int fractionDigits = end - at - 1;
      if (fractionDigits < 1 || fractionDigits > 9) {
        return false;
      }
      at = end;
    }
    return offset(s, at);
  }

  /** {@code Z}, or {@code ±hh:mm} within ±17:59, ending the string. */
  private static boolean offset(String s, int at) {
    int n = s.length();
    if (at == n - 1) {
      return s.charAt(at) == 'Z';
    }
    return at == n - 6 && (s.charAt(at) == '+' || s.charAt(at) == '-') && s.charAt(at + 3) == ':'
      && inRange(digits(s, at + 1, 2), 17) && inRange(digits(s, at + 4, 2), 59);
  }

  private static boolean inRange(int value, int max) {
    return value >= 0 && value <= max;
  }

  /** The decimal number of count ASCII digits at from; -1 when any is no digit. */
  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
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
