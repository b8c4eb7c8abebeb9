package io.brandstats.common.upstream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.brandstats.common.RequestIds;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads another service's entities by id over HTTP, the way the architecture asks: a Web Client call
 * with a timeout and retries, inside a named circuit breaker, behind a Caffeine cache that can answer
 * stale when the owner is down. One instance per upstream per verticle, built once, used on the
 * verticle's context: a call made while handling a message stays on that message's own context (a duplicate of
 * the verticle's), so the call carries the message's trace; calls from elsewhere hop onto the verticle's.
 *
 * <p>A lookup answers the entity with its {@link Freshness}, or fails with an {@link UpstreamException}:
 * NOT_FOUND (the owner said 404, remembered for notFoundTtl) or UNAVAILABLE (the owner could not be
 * asked and nothing usable is cached). With the defaults, a failing lookup gives up after about
 * 3 × 1 s timeouts + up to 50 + 100 ms of backoff; an open circuit answers at once.
 */
public final class UpstreamClient {

  private static final Logger LOG = LoggerFactory.getLogger(UpstreamClient.class);

  private final String name;
  private final UpstreamConfig config;
  /** The verticle's own context (never a duplicate): the cache, the breaker and inFlight are used on it alone. */
  private final ContextInternal context;
  private final EntityRequests requests;
  private final CircuitBreaker breaker;
  private final Cache<Long, Entry> cache;
  private final Map<Long, Future<Entry>> inFlight = new HashMap<>();
  private final MessageConsumer<JsonObject> invalidations;
  private final UpstreamMeters meters;
  private final UpstreamCounters counters;

  /** A cached answer: the entity, or null for a remembered 404. */
  private record Entry(JsonObject entity, long fetchedAtNanos) {
  }

  /**
   * @param name        the owning service, e.g. "brand": names the breaker, the problems, and the change events
   *                    ({@code <name>.changed}) that evict entries
   * @param path        the resource path the id is appended to, e.g. "/brands/", below the base URL's own path
   * @param registry    where the cache counters and breaker state are published (the node's registry)
   * @param service     the calling service, e.g. "product": tags those meters with who asks whom
   * @param bearerToken the token each call carries (this node's service token), or a supplier of null for none:
   *                    reads are public by default, but a gateway may require a token for them too
   */
  public UpstreamClient(Vertx vertx, String name, String path, UpstreamConfig config, MeterRegistry registry,
                        String service, Supplier<String> bearerToken) {
    this.name = name;
    this.meters = UpstreamMeters.of(vertx, registry, service, name);
    this.counters = new UpstreamCounters(meters);
    this.config = config;
    this.context = ((ContextInternal) vertx.getOrCreateContext()).unwrap();
    this.requests = new EntityRequests(vertx, name, path, config, bearerToken);
    this.breaker = CircuitBreaker.create(name + "-upstream", vertx, new CircuitBreakerOptions()
        .setTimeout(config.timeoutMs())
        .setMaxRetries(config.retries())
        .setMaxFailures(config.maxFailures())
        .setFailuresRollingWindow(config.failureWindowMs())
        .setResetTimeout(config.resetTimeoutMs()))
      .retryPolicy(new GrowingBackoff(config.backoffInitialMs(), config.backoffMaxMs()))
      .openHandler(v -> transition(CircuitBreakerState.OPEN,
        "open: calls to " + name + " fail fast for " + config.resetTimeoutMs() + " ms"))
      .halfOpenHandler(v -> transition(CircuitBreakerState.HALF_OPEN, "half-open: one trial call to " + name))
      .closeHandler(v -> transition(CircuitBreakerState.CLOSED, "closed: " + name + " answers again"));
    meters.track(breaker);
    this.cache = Caffeine.newBuilder()
      .maximumSize(config.cacheMaxSize())
      .expireAfterWrite(Duration.ofMillis(config.cacheTtlMs() + config.staleForMs()))
      .executor(task -> context.runOnContext(v -> task.run()))
      .build();
    this.invalidations = vertx.eventBus().consumer(name + ".changed", message -> evict(message.body().getLong("id")));
  }

  /** Completes once change events reach this client's cache. */
  public Future<Void> ready() {
    return invalidations.completion();
  }

  public Future<Lookup> get(long id) {
    return get(id, RequestIds.current());
  }

  /** @param requestId sent as X-Request-Id on the call, if one is made (taken before hopping contexts) */
  private Future<Lookup> get(long id, String requestId) {
    if (!onOwnContext()) {
      Promise<Lookup> answer = Promise.promise();
      context.runOnContext(v -> get(id, requestId).onComplete(answer));
      return answer.future();
    }
    Entry cached = cache.getIfPresent(id);
    if (cached != null && isFresh(cached)) {
      counters.hit();
      return answer(id, cached, Freshness.CACHED);
    }
    counters.miss();
    return fetch(id, requestId).transform(fetched -> {
      if (fetched.succeeded()) {
        return answer(id, fetched.result(), Freshness.LIVE);
      }
      Entry stale = cache.getIfPresent(id);
      if (stale != null && stale.entity() != null) {
        counters.staleServed();
        return Future.succeededFuture(new Lookup(stale.entity(), Freshness.STALE));
      }
      return Future.failedFuture(UpstreamException.unavailable(name, id, config.retryAfterSeconds(), fetched.cause()));
    });
  }

  /** Drops what is cached for the id: its owner changed it. */
  public void evict(long id) {
    if (!onOwnContext()) {
      context.runOnContext(v -> evict(id));
      return;
    }
    inFlight.remove(id);
    cache.invalidate(id);
    counters.evicted();
  }

  public CircuitBreakerState state() {
    return breaker.state();
  }

  /** Breaker state and cache counters, for health and metrics. */
  public JsonObject stats() {
    return counters.toJson().put("state", breaker.state().name()).put("cached", cache.estimatedSize());
  }

  public Future<Void> close() {
    meters.untrack(breaker);
    breaker.close();
    requests.close();
    return invalidations.unregister();
  }

  /**
   * On the verticle's context or one of its duplicates (a message's, an HTTP request's): the same event-loop
   * thread, so the client's state is safe, and the duplicate's locals (the trace, for the call's span) stay.
   */
  private boolean onOwnContext() {
    ContextInternal current = ContextInternal.current();
    return current != null && current.unwrap() == context;
  }

  private boolean isFresh(Entry entry) {
    long ttl = entry.entity() != null ? config.cacheTtlMs() : config.notFoundTtlMs();
    return System.nanoTime() - entry.fetchedAtNanos() < ttl * 1_000_000;
  }

  private Future<Lookup> answer(long id, Entry entry, Freshness freshness) {
    return entry.entity() == null
      ? Future.failedFuture(UpstreamException.notFound(name, id))
      : Future.succeededFuture(new Lookup(entry.entity(), freshness));
  }

  /**
   * Concurrent misses for one id share one call (it carries the first asker's request id); the breaker retries
   * it and counts it as one failure.
   */
  private Future<Entry> fetch(long id, String requestId) {
    Future<Entry> pending = inFlight.get(id);
    if (pending != null) {
      return pending;
    }
    Promise<Entry> result = Promise.promise();
    inFlight.put(id, result.future());
    breaker.<Entry>execute(() -> call(id, requestId)).onComplete(done -> {
      boolean current = inFlight.remove(id, result.future());
      if (done.succeeded()) {
        if (current) {
          cache.put(id, done.result());
        }
      } else {
        counters.failure();
      }
      result.handle(done);
    });
    return result.future();
  }

  private Future<Entry> call(long id, String requestId) {
    counters.upstreamCall();
    return requests.get(id, requestId).map(entity -> new Entry(entity, System.nanoTime()));
  }

  private void transition(CircuitBreakerState to, String what) {
    counters.transition();
    meters.transitionTo(to);
    if (breaker == null || breaker.state() == CircuitBreakerState.OPEN) {
      LOG.warn("Circuit {}", what);
    } else {
      LOG.info("Circuit {}", what);
    }
  }
}
