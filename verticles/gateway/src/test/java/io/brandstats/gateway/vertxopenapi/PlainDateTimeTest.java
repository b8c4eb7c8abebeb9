package io.brandstats.gateway.vertxopenapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.Timestamps;
import io.vertx.json.schema.impl.Format;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A date-time Timestamps reads by hand always passes the library's date-time format too")
class PlainDateTimeTest {

  @Test
  @DisplayName("100,000 date-times with fields in and out of range: every one recognised passes the library's check")
  void recognisedOnlyWhatTheLibraryPasses() {
    Random random = new Random(20261130);
    int recognised = 0;
    for (int i = 0; i < 100_000; i++) {
      String s = dateTime(random);
      if (Timestamps.plain(s)) {
        recognised++;
        assertThat(Format.fastFormat("date-time", s)).as(s).isTrue();
      }
    }
    assertThat(recognised).as("recognised among them").isGreaterThan(20_000);
  }

  @Test
  @DisplayName("the forms clients send are recognised; others are left to the library")
  void commonForms() {
    assertThat(Timestamps.plain("2026-11-24T10:15:00Z")).isTrue();
    assertThat(Timestamps.plain("2024-02-29T23:59:59.123456789+01:00")).isTrue();
    assertThat(Timestamps.plain("2026-11-24T10:15:00.5-03:30")).isTrue();
    assertThat(Timestamps.plain("2023-02-29T10:15:00Z")).isFalse();
    assertThat(Timestamps.plain("2026-11-24T24:00:00Z")).isFalse();
    assertThat(Timestamps.plain("2026-11-24T10:15:00+18:01")).isFalse();
    assertThat(Timestamps.plain("2026-11-24t10:15:00z")).isFalse();
    assertThat(Timestamps.plain("2026-11-24T10:15:00")).isFalse();
  }

  private static String dateTime(Random random) {
    String date = String.format("%04d-%02d-%02d", random.nextInt(10_000), random.nextInt(14), random.nextInt(33));
    String time = String.format("%02d:%02d:%02d", random.nextInt(26), random.nextInt(62), random.nextInt(62));
    String fraction = random.nextBoolean() ? "" : "." + "7".repeat(random.nextInt(12));
    String offset = switch (random.nextInt(4)) {
      case 0 -> "Z";
      case 1 -> "z";
      default -> String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-", random.nextInt(20), random.nextInt(62));
    };
    return date + (random.nextInt(10) == 0 ? " " : "T") + time + fraction + offset;
  }
}
