package io.brandstats.common.upstream;

import io.vertx.core.json.JsonObject;

/**
 * What one upstream client has done: its own totals for health (touched only on its verticle's context),
 * and the same events on the node's shared meters for /metrics.
 */
final class UpstreamCounters {

  private final UpstreamMeters meters;
  private long hits;
  private long misses;
  private long staleServed;
  private long upstreamCalls;
  private long failures;
  private long evictions;
  private long transitions;

  UpstreamCounters(UpstreamMeters meters) {
    this.meters = meters;
  }

  void hit() {
    hits++;
    meters.hits.increment();
  }

  void miss() {
    misses++;
    meters.misses.increment();
  }

  void staleServed() {
    staleServed++;
    meters.staleServed.increment();
  }

  void upstreamCall() {
    upstreamCalls++;
    meters.upstreamCalls.increment();
  }

  void failure() {
    failures++;
    meters.failures.increment();
  }

  void evicted() {
    evictions++;
    meters.evictions.increment();
  }

  void transition() {
    transitions++;
  }

  JsonObject toJson() {
    return new JsonObject()
      .put("hits", hits)
      .put("misses", misses)
      .put("staleServed", staleServed)
      .put("upstreamCalls", upstreamCalls)
      .put("failures", failures)
      .put("evictions", evictions)
      .put("breakerTransitions", transitions);
  }
}
