package io.brandstats.common.upstream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.brandstats.common.Meters;
import io.brandstats.common.RequestIds;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
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
 * verticle's context (calls from elsewhere hop onto it).
 *
 * <p>A lookup answers the entity with its {@link Freshness}, or fails with an {@link UpstreamException}:
 * NOT_FOUND (the owner said 404, remembered for notFoundTtl) or UNAVAILABLE (the owner could not be
 * asked and nothing usable is cached). With the defaults, a failing lookup gives up after about
 * 3 × 1 s timeouts + up to 50 + 100 ms of backoff; an open circuit answers at once.
 */
public final class UpstreamClient {

  private static final Logger LOG = LoggerFactory.getLogger(UpstreamClient.class);
  /** The largest answer read from an upstream; an entity is a few hundred bytes. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final String name;
  private final String path;
  private final UpstreamConfig config;
  private final Context context;
  private final WebClient client;
  private final CircuitBreaker breaker;
  private final Cache<Long, Entry> cache;
  private final Map<Long, Future<Entry>> inFlight = new HashMap<>();
  private final MessageConsumer<JsonObject> invalidations;
  private final UpstreamMeters meters;
  private final UpstreamCounters counters;
  private final Supplier<String> bearerToken;
  private final CappedBody cappedBody = new CappedBody(MAX_BODY_BYTES);

  /** A cached answer: the entity, or null for a remembered 404. */
  private record Entry(JsonObject entity, long fetchedAtNanos) {
  }

  /**
   * @param name the owning service, e.g. "brand": names the breaker, the problems, and the change events
   *             ({@code <name>.changed}) that evict entries
   * @param path the resource path the id is appended to, e.g. "/brands/", below the base URL's own path
   */
  public UpstreamClient(Vertx vertx, String name, String path, UpstreamConfig config) {
    this(vertx, name, path, config, Meters.NONE, "unnamed", () -> null);
  }

  /**
   * @param bearerToken the token each call carries (this node's service token), or null for none: reads
   *                    are public by default, but a gateway may require a token for them too
   */
  public UpstreamClient(Vertx vertx, String name, String path, UpstreamConfig config, Supplier<String> bearerToken) {
    this(vertx, name, path, config, Meters.NONE, "unnamed", bearerToken);
  }

  /**
   * @param registry    where the cache counters and breaker state are published (the node's registry)
   * @param service     the calling service, e.g. "product": tags those meters with who asks whom
   * @param bearerToken the token each call carries (this node's service token), or null for none
   */
  public UpstreamClient(Vertx vertx, String name, String path, UpstreamConfig config, MeterRegistry registry,
                        String service, Supplier<String> bearerToken) {
    this.bearerToken = bearerToken;
    this.name = name;
    this.meters = UpstreamMeters.of(vertx, registry, service, name);
    this.counters = new UpstreamCounters(meters);
    this.config = config;
    this.context = vertx.getOrCreateContext();
    URI base = URI.create(config.baseUrl());
    boolean tls = "https".equalsIgnoreCase(base.getScheme());
    this.path = stripTrailingSlash(base.getPath()) + path;
    this.client = WebClient.create(vertx, new WebClientOptions()
      .setSsl(tls)
      .setDefaultHost(base.getHost())
      .setDefaultPort(base.getPort() > 0 ? base.getPort() : tls ? 443 : 80)
      .setConnectTimeout((int) config.timeoutMs())
      // Give up an idle connection before the gateway does (http.idleTimeout, 60 s by default), so a
      // call never races the server closing the connection it was about to use.
      .setKeepAliveTimeout(30)
      .setUserAgent("brandstats-upstream-" + name));
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
    if (Vertx.currentContext() != context) {
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
      return Future.failedFuture(UpstreamException.unavailable(name, config.retryAfterSeconds(), fetched.cause()));
    });
  }

  /** Drops what is cached for the id: its owner changed it. */
  public void evict(long id) {
    if (Vertx.currentContext() != context) {
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
    client.close();
    return invalidations.unregister();
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
    var request = client.get(path + id)
      .timeout(config.timeoutMs())
      .putHeader("Accept", "application/json")
      .as(cappedBody);
    if (requestId != null) {
      request.putHeader(RequestIds.HEADER, requestId);
    }
    String token = bearerToken.get();
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request.send().map(response -> entry(id, response));
  }

  /**
   * 200 and 404 are answers; anything else is a failure of the upstream, worth a retry. A 200 must be
   * the entity asked for (a JSON object whose id is that number): what an upstream says is not trusted.
   */
  private Entry entry(long id, HttpResponse<Buffer> response) {
    return switch (response.statusCode()) {
      case 200 -> {
        JsonObject body = response.body() == null ? null : response.bodyAsJsonObject();
        if (body == null) {
          throw new IllegalStateException(name + " answered 200 without a body");
        }
        Object answeredId = body.getValue("id");
        if (!(answeredId instanceof Integer || answeredId instanceof Long) || ((Number) answeredId).longValue() != id) {
          throw new IllegalStateException(name + " answered 200 with no id " + id + " in its body");
        }
        yield new Entry(body, System.nanoTime());
      }
      case 404 -> new Entry(null, System.nanoTime());
      default -> throw new IllegalStateException(name + " answered " + response.statusCode());
    };
  }

  private static String stripTrailingSlash(String basePath) {
    if (basePath == null) {
      return "";
    }
    return basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
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
