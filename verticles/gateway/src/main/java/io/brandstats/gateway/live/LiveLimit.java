package io.brandstats.gateway.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.util.concurrent.atomic.AtomicInteger;

/** The node's count of open live streams, shared by every gateway instance, so the bound does not grow with cores. */
final class LiveLimit implements Shareable {

  private static final String SHARED_MAP = "brandstats.gateway";
  private static final String SHARED_KEY = "liveStreams";

  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  private LiveLimit(int max) {
    this.max = max;
  }

  /**
   * The node's one instance (created by the first gateway instance that asks), its count shown as the gauge
   * {@code brandstats_live_streams}.
   */
  static LiveLimit shared(Vertx vertx, int max, MeterRegistry meters) {
    return vertx.sharedData().<String, LiveLimit>getLocalMap(SHARED_MAP).computeIfAbsent(SHARED_KEY, key -> {
      LiveLimit limit = new LiveLimit(max);
      Gauge.builder("brandstats.live.streams", limit.open, AtomicInteger::get)
        .description("Open GET /stats/live streams on this node").register(meters);
      return limit;
    });
  }

  @Override
  public Shareable copy() {
    return this; // thread-safe: one atomic counter
  }

  /** Takes a place for a new stream; false when the node has its maximum open. */
  boolean tryOpen() {
    while (true) {
      int now = open.get();
      if (now >= max) {
        return false;
      }
      if (open.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  void closed() {
    open.decrementAndGet();
  }

  int max() {
    return max;
  }
}
