package io.brandstats.common.upstream;

import io.vertx.circuitbreaker.RetryPolicy;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": retry n waits between half and all of
 * {@code min(max, initial * 2^(n-1))}. Callers spread out (jitter), yet each wait is at least as long as
 * the previous one could have been, so the delays reliably grow (the library's full-jitter policy may
 * draw a zero delay for any retry).
 */
final class GrowingBackoff implements RetryPolicy {

  private final long initialMs;
  private final long maxMs;

  GrowingBackoff(long initialMs, long maxMs) {
    this.initialMs = Math.max(1, initialMs);
    this.maxMs = Math.max(this.initialMs, maxMs);
  }

  @Override
  public long delay(Throwable failure, int retryCount) {
    int doublings = Math.min(Math.max(retryCount - 1, 0), 30);
    long ceiling = Math.min(maxMs, initialMs << doublings);
    long half = ceiling / 2;
    return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
  }
}
