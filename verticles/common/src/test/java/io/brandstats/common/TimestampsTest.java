package io.brandstats.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  @Test
  @DisplayName("utcMillis reads every date-time exactly as OffsetDateTime.parse does, and refuses what it refuses")
  void sameAsOffsetDateTimeParse() {
    String[] samples = {
      "2026-11-24T10:15:00Z", "2026-11-24T10:15:00.1Z", "2026-11-24T10:15:00.123Z", "2026-11-24T10:15:00.123456789Z",
      "2026-11-24T10:15:00.9999Z", "2026-11-24T23:59:59.9995+00:00", "2026-11-24T00:30:00+01:00",
      "2026-11-24T22:30:00-05:30", "2026-01-01T00:00:00.000-18:00", "2024-02-29T12:00:00Z", "2000-01-01T00:00:00+14:00",
      "2026-11-24t10:15:00z", "2026-11-24T10:15Z", "2026-11-24T10:15:00+0100", "2026-11-24T10:15:00+01:00:30",
      // refused by both
      "2025-02-29T12:00:00Z", "2026-13-01T00:00:00Z", "2026-11-24T24:00:00Z", "2026-11-24T23:59:60Z",
      "2026-11-24T10:15:00.Z", "2026-11-24T10:15:00.1234567890Z", "2026-11-24T10:15:00+19:00",
      "2026-11-24T10:15:00", "2026-11-24 10:15:00Z", "2026-11-2AT10:15:00Z", "+2026-11-24T10:15:00Z",
      "2026-11-24T10:15:00Zjunk", "2026-11-24T10:15:00+01:60", "", "2026-11-24T10:15:00.12٣Z", "２026-11-24T10:15:00Z"};
    for (String sample : samples) {
      assertSameAsParse(sample);
    }
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      OffsetDateTime at = OffsetDateTime.of(2000 + random.nextInt(40), 1 + random.nextInt(12), 1 + random.nextInt(28),
        random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000_000),
        ZoneOffset.ofTotalSeconds((random.nextInt(73) - 36) * 900));
      assertSameAsParse(at.toString());
      assertSameAsParse(at.toInstant().toString());
    }
  }

  private static void assertSameAsParse(String text) {
    LocalDateTime expected;
    try {
      expected = OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
        .truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeParseException e) {
      assertThatThrownBy(() -> Timestamps.utcMillis(text)).as(text).isInstanceOf(DateTimeParseException.class);
      return;
    }
    assertThat(Timestamps.utcMillis(text)).as(text).isEqualTo(expected);
  }
}
