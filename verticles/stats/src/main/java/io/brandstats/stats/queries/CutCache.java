package io.brandstats.stats.queries;

import io.vertx.core.Future;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The raw-sale figures of like-for-like cuts (a past day up to a time of day), kept for a while: they read one
 * day of sales, and the comparison day lies in the past, so new sales rarely change it. A fold that adds sales
 * sold within a cached cut's span drops it ({@link #folded}); nothing is kept longer than the TTL. Runs on its
 * verticle's event loop only.
 */
final class CutCache {

  private static final int MAX_ENTRIES = 1000;

  private record Entry(LocalDateTime from, LocalDateTime to, long expiresAt, Future<Figures> figures) {
  }

  private final long ttlNanos;
  private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  CutCache(long ttlMillis) {
    this.ttlNanos = ttlMillis * 1_000_000L;
  }

  Future<Figures> get(String key, LocalDateTime from, LocalDateTime to, Supplier<Future<Figures>> compute) {
    long now = System.nanoTime();
    Entry entry = entries.get(key);
    if (entry != null && now - entry.expiresAt() < 0) {
      return entry.figures();
    }
    Future<Figures> figures = compute.get();
    Entry fresh = new Entry(from, to, now + ttlNanos, figures);
    entries.put(key, fresh);
    figures.onFailure(failure -> entries.remove(key, fresh));
    return figures;
  }

  /** Sales sold between oldest and newest (UTC) were folded in: cuts overlapping them are dropped. */
  void folded(LocalDateTime oldest, LocalDateTime newest) {
    for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
      Entry entry = it.next();
      if (oldest == null || newest == null || (!entry.from().isAfter(newest) && entry.to().isAfter(oldest))) {
        it.remove();
      }
    }
  }
}
