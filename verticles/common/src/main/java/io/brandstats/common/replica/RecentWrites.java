package io.brandstats.common.replica;

import java.util.HashMap;
import java.util.Map;

/**
 * Which of a service's entities were written lately, so that reading them again goes to the primary
 * (read-your-writes). An entity stays recent for a window long enough for any replica that is in use to have
 * applied the write: its largest allowed lag, one poll and a second for Seconds_Behind_Master's rounding.
 * Lists go to the primary while any entity is recent. Used on the service's event loop only.
 */
final class RecentWrites {

  private final long windowNanos;
  private final Map<Long, Long> writtenAt = new HashMap<>();
  private long lastWrite;
  private boolean any;

  RecentWrites(int maxLagSeconds) {
    this.windowNanos = (maxLagSeconds * 1000L + ReplicaLag.POLL_MS + 1000L) * 1_000_000L;
  }

  void wrote(long id) {
    writtenAt.put(id, wroteSome());
  }

  /** Something was written (e.g. sales), no one entity: lists wait for the window. */
  long wroteSome() {
    lastWrite = System.nanoTime();
    any = true;
    return lastWrite;
  }

  boolean recent(long id) {
    Long at = writtenAt.get(id);
    return at != null && System.nanoTime() - at < windowNanos;
  }

  boolean anyRecent() {
    return any && System.nanoTime() - lastWrite < windowNanos;
  }

  /** Forgets writes older than the window, so the map holds only the last few seconds' writes. */
  void prune() {
    long now = System.nanoTime();
    writtenAt.values().removeIf(at -> now - at >= windowNanos);
  }
}
