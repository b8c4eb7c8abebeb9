package io.brandstats.common.upstream;

import io.vertx.core.json.JsonObject;

/** What one upstream client has done, for health and metrics. Touched only on its verticle's context. */
final class UpstreamCounters {

  private long hits;
  private long misses;
  private long staleServed;
  private long upstreamCalls;
  private long failures;
  private long evictions;
  private long transitions;

  void hit() {
    hits++;
  }

  void miss() {
    misses++;
  }

  void staleServed() {
    staleServed++;
  }

  void upstreamCall() {
    upstreamCalls++;
  }

  void failure() {
    failures++;
  }

  void evicted() {
    evictions++;
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
