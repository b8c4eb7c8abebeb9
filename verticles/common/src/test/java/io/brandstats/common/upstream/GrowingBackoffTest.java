package io.brandstats.common.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The growing backoff")
class GrowingBackoffTest {

  private static final int DRAWS = 2_000;

  @Test
  @DisplayName("Retry n waits between half and all of min(max, initial × 2^(n-1)), and the waits are jittered")
  void delaysStayWithinTheirBand() {
    GrowingBackoff backoff = new GrowingBackoff(100, 1_000);
    long[] ceilings = {100, 200, 400, 800, 1_000, 1_000};

    for (int retry = 1; retry <= ceilings.length; retry++) {
      long ceiling = ceilings[retry - 1];
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < DRAWS; i++) {
        long delay = backoff.delay(new RuntimeException(), retry);
        assertThat(delay).as("retry %d", retry).isBetween(ceiling / 2, ceiling);
        seen.add(delay);
      }
      assertThat(seen).as("distinct delays for retry %d", retry).hasSizeGreaterThan(1);
    }
  }

  @Test
  @DisplayName("The cap holds for very late retries instead of overflowing")
  void capHoldsForLateRetries() {
    GrowingBackoff backoff = new GrowingBackoff(100, 1_000);

    for (int retry : new int[] {20, 31, 64, 1_000, Integer.MAX_VALUE}) {
      assertThat(backoff.delay(new RuntimeException(), retry)).as("retry %d", retry).isBetween(500L, 1_000L);
    }
  }

  @Test
  @DisplayName("Nonsensical settings still give bounded, non-negative delays: initial below 1 becomes 1, max below initial becomes initial")
  void nonsensicalSettingsAreClamped() {
    for (int i = 0; i < DRAWS; i++) {
      assertThat(new GrowingBackoff(0, 0).delay(null, 1)).isBetween(0L, 1L);
      assertThat(new GrowingBackoff(200, 50).delay(null, 3)).isBetween(100L, 200L);
    }
  }
}
