package io.brandstats.common.upstream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One calling service's meters for one upstream, tagged {@code service} and {@code upstream}. Every
 * instance of the calling verticle on a node shares them (the node's shared data holds them), so the
 * counters add up across instances and the state gauge counts each instance's breaker once.
 */
final class UpstreamMeters implements Shareable {

  private static final String SHARED_MAP = "brandstats.upstream-meters";

  final Counter hits;
  final Counter misses;
  final Counter staleServed;
  final Counter upstreamCalls;
  final Counter failures;
  final Counter evictions;
  private final Map<CircuitBreakerState, Counter> transitions = new EnumMap<>(CircuitBreakerState.class);
  private final List<CircuitBreaker> breakers = new CopyOnWriteArrayList<>();

  private UpstreamMeters(MeterRegistry registry, Tags tags) {
    hits = counter(registry, "brandstats.upstream.cache.hits", "Lookups answered from cache within their TTL", tags);
    misses = counter(registry, "brandstats.upstream.cache.misses", "Lookups that had to ask the upstream", tags);
    staleServed = counter(registry, "brandstats.upstream.cache.stale",
      "Lookups answered from cache past their TTL because the upstream could not be asked", tags);
    upstreamCalls = counter(registry, "brandstats.upstream.calls", "HTTP calls to the upstream, retries included", tags);
    failures = counter(registry, "brandstats.upstream.failures", "Lookups the upstream could not answer, after retries",
      tags);
    evictions = counter(registry, "brandstats.upstream.cache.evictions", "Entries dropped because their owner changed them",
      tags);
    for (CircuitBreakerState state : CircuitBreakerState.values()) {
      Tags stateTags = tags.and("state", label(state));
      transitions.put(state, Counter.builder("brandstats.circuit.breaker.transitions")
        .description("Changes of the upstream's circuit breaker into this state").tags(stateTags).register(registry));
      Gauge.builder("brandstats.circuit.breaker.state", breakers, all -> all.stream().filter(b -> b.state() == state).count())
        .description("Circuit breakers to the upstream in this state (1 per calling verticle instance)")
        .tags(stateTags).register(registry);
    }
  }

  /** The shared meters of {@code service}'s calls to {@code upstream} on this node. */
  static UpstreamMeters of(Vertx vertx, MeterRegistry registry, String service, String upstream) {
    LocalMap<String, UpstreamMeters> shared = vertx.sharedData().getLocalMap(SHARED_MAP);
    String key = System.identityHashCode(registry) + "/" + service + "/" + upstream;
    synchronized (UpstreamMeters.class) {
      UpstreamMeters meters = shared.get(key);
      if (meters == null) {
        meters = new UpstreamMeters(registry, Tags.of("service", service, "upstream", upstream));
        shared.put(key, meters);
      }
      return meters;
    }
  }

  void track(CircuitBreaker breaker) {
    breakers.add(breaker);
  }

  void untrack(CircuitBreaker breaker) {
    breakers.remove(breaker);
  }

  void transitionTo(CircuitBreakerState state) {
    transitions.get(state).increment();
  }

  private static Counter counter(MeterRegistry registry, String name, String description, Tags tags) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }

  private static String label(CircuitBreakerState state) {
    return state.name().toLowerCase(Locale.ROOT);
  }
}
