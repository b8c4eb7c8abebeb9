package io.brandstats.stats.queries;

import io.vertx.core.Future;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The raw-sale figures of like-for-like cuts (a past day up to a time of day), kept for a while and followed as
 * the cut moves on: asked again a second later, a cut reads only what it grew by (the sales sold in that second of
 * the past day, and any sale of its span folded since), not its whole day, which at 10M sales is some 100,000 rows.
 * A fold that adds sales sold within a cached cut's span drops it ({@link #folded}); nothing is kept longer than
 * the TTL without being read whole again. Runs on its verticle's event loop only.
 */
final class CutCache {

  private static final int MAX_ENTRIES = 1000;

  /** How a cut's figures are read: its whole span, or what it grew by since an earlier reading. */
  interface Reader {

    /** Sales sold from the cut's start until end, with ids up to watermark. */
    Future<Figures> whole(LocalDateTime end, long watermark);

    /** What the reading up to (oldEnd, oldWatermark) lacks of the reading up to (end, watermark). */
    Future<Figures> growth(LocalDateTime oldEnd, long oldWatermark, LocalDateTime end, long watermark);
  }

  private record Entry(LocalDateTime from, LocalDateTime to, long watermark, long expiresAt, Future<Figures> figures) {
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

  /**
   * The figures of the cut [from, to) as of watermark: kept ones when they are for the same end and watermark,
   * kept ones and what the cut grew by when it only grew, else read whole.
   */
  Future<Figures> get(String key, LocalDateTime from, LocalDateTime to, long watermark, Reader reader) {
    long now = System.nanoTime();
    Entry entry = entries.get(key);
    Entry fresh;
    if (entry != null && now - entry.expiresAt() < 0 && entry.from().equals(from) && !to.isBefore(entry.to())
      && watermark >= entry.watermark()) {
      if (to.equals(entry.to()) && watermark == entry.watermark()) {
        return entry.figures();
      }
      Future<Figures> grown = entry.figures().compose(before -> reader.growth(entry.to(), entry.watermark(), to,
        watermark).map(growth -> before.plus(growth)));
      fresh = new Entry(from, to, watermark, entry.expiresAt(), grown);
    } else {
      fresh = new Entry(from, to, watermark, now + ttlNanos, reader.whole(to, watermark));
    }
    entries.put(key, fresh);
    fresh.figures().onFailure(failure -> entries.remove(key, fresh));
    return fresh.figures();
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
