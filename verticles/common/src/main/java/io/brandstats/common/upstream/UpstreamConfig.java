package io.brandstats.common.upstream;

import io.vertx.core.json.JsonObject;

/**
 * How one service reads another's entities over HTTP. Every value comes from configuration
 * ({@code upstreams.*} in config/brandstats.yaml, where the defaults are documented and the only place they are).
 *
 * @param baseUrl        where the owning service's API answers, e.g. http://127.0.0.1:8080
 * @param timeoutMs      per attempt
 * @param retries        attempts after the first, spaced by a growing, jittered backoff
 * @param backoffInitialMs delay before the first retry (about; jittered)
 * @param backoffMaxMs   cap on any delay between retries
 * @param maxFailures    failed lookups (after their retries) within failureWindowMs that open the circuit
 * @param failureWindowMs how far back failures count; must cover maxFailures slow (timed-out) lookups
 * @param resetTimeoutMs how long an open circuit fails fast before letting one trial call through
 * @param cacheTtlMs     how long a found entity is answered from cache without asking
 * @param notFoundTtlMs  how long a 404 is remembered
 * @param staleForMs     how long past its TTL an entity may still be answered when the upstream fails
 * @param cacheMaxSize   entities kept per upstream
 */
public record UpstreamConfig(String baseUrl, long timeoutMs, int retries, long backoffInitialMs, long backoffMaxMs,
                             int maxFailures, long failureWindowMs, long resetTimeoutMs, long cacheTtlMs, long notFoundTtlMs,
                             long staleForMs, long cacheMaxSize) {

  public static UpstreamConfig from(JsonObject json) {
    return new UpstreamConfig(
      json.getString("baseUrl"),
      json.getLong("timeout"),
      json.getInteger("retries"),
      json.getLong("backoffInitial"),
      json.getLong("backoffMax"),
      json.getInteger("maxFailures"),
      json.getLong("failureWindow"),
      json.getLong("resetTimeout"),
      json.getLong("cacheTtl"),
      json.getLong("notFoundTtl"),
      json.getLong("staleFor"),
      json.getLong("cacheMaxSize"));
  }

  /** Seconds a client should wait before retrying when nothing could be answered: one breaker reset. */
  public int retryAfterSeconds() {
    return (int) Math.max(1, (resetTimeoutMs + 999) / 1000);
  }
}
