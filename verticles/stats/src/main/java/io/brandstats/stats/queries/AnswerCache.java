package io.brandstats.stats.queries;

import io.brandstats.common.ServiceRequest;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Statistics answers, encoded as JSON text once, reused for the same question for a short while ({@code stats.answerCacheTtl} ms):
 * a dashboard that many people watch asks the same few questions many times a second, and each answer
 * costs several rollup queries. Concurrent identical questions share one computation. Every fold of new
 * sales into the rollups, on any node, clears the cache ({@link #clear()}), so an answer never lags the
 * rollups' watermark; a failed computation is not kept. Runs on its verticle's event loop only (no locking).
 */
public final class AnswerCache {

  /** Distinct questions kept at most; the oldest goes first. */
  private static final int MAX_ENTRIES = 1000;

  private record Entry(long expiresAt, Future<String> answer) {
  }

  private final long ttlNanos;
  private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  /** @param ttlMillis how long an answer is reused; 0 turns the cache off */
  public AnswerCache(long ttlMillis) {
    this.ttlNanos = ttlMillis * 1_000_000L;
  }

  /** The answer to this request: reused while fresh, else computed (once for concurrent askers). */
  public Future<String> get(ServiceRequest request, Function<ServiceRequest, Future<String>> compute) {
    if (ttlNanos <= 0) {
      return compute.apply(request);
    }
    String key = request.operationId() + ' ' + request.json().getJsonObject("path") + ' ' + request.query();
    long now = System.nanoTime();
    Entry entry = entries.get(key);
    if (entry != null && now - entry.expiresAt() < 0) {
      return entry.answer();
    }
    Future<String> answer = compute.apply(request);
    Entry fresh = new Entry(now + ttlNanos, answer);
    entries.put(key, fresh);
    answer.onFailure(failure -> entries.remove(key, fresh));
    return answer;
  }

  /** Forgets every answer: new sales were stored. */
  public void clear() {
    entries.clear();
  }
}
