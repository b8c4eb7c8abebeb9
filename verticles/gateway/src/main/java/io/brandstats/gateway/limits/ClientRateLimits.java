package io.brandstats.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.brandstats.common.Problem;
import io.brandstats.common.auth.JwtKeys;
import io.brandstats.gateway.auth.AccessTokens;
import io.brandstats.gateway.problem.ProblemResponses;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * Per-client token buckets: a client (the subject of its valid token, else its address) may send
 * {@code requestsPerSecond} on average and {@code burst} at once; beyond that it gets 429 with
 * Retry-After. This node's services calling each other (role {@code service}) have their own limit
 * ({@code serviceRequestsPerSecond}, {@code serviceBurst}), so a noisy client cannot starve them; a rate
 * of 0 is no limit. One instance per node, shared by every gateway verticle, so the limit does not
 * multiply with the number of cores. Health is never limited.
 */
public final class ClientRateLimits implements Shareable {

  private static final String SHARED_MAP = "brandstats.gateway";
  private static final String SHARED_KEY = "rateLimits";

  private final Limit clients;
  private final Limit services;

  /** One client class's bucket shape and its buckets, bounded in number and forgotten when idle. */
  private record Limit(long perSecond, long burst, Cache<String, Bucket> buckets) {

    static Limit of(long perSecond, long burst, long maxClients) {
      if (perSecond <= 0) {
        return null;
      }
      long capacity = burst > 0 ? burst : perSecond;
      // A bucket idle long enough to be full again is the same as a new one: forget it.
      long refillSeconds = Math.max(60, capacity / perSecond + 1);
      return new Limit(perSecond, capacity, Caffeine.newBuilder()
        .maximumSize(maxClients)
        .expireAfterAccess(Duration.ofSeconds(refillSeconds))
        .build());
    }

    ConsumptionProbe take(String client) {
      return buckets.get(client, key -> Bucket.builder()
        .addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
        .build()).tryConsumeAndReturnRemaining(1);
    }
  }

  private ClientRateLimits(JsonObject rate) {
    long maxClients = rate.getLong("maxClients");
    this.clients = Limit.of(rate.getLong("requestsPerSecond"), rate.getLong("burst"), maxClients);
    this.services = Limit.of(rate.getLong("serviceRequestsPerSecond"), rate.getLong("serviceBurst"), maxClients);
  }

  /** The node's one instance (created by the first gateway verticle that asks). */
  public static ClientRateLimits shared(Vertx vertx, JsonObject rate) {
    return vertx.sharedData().<String, ClientRateLimits>getLocalMap(SHARED_MAP)
      .computeIfAbsent(SHARED_KEY, key -> new ClientRateLimits(rate));
  }

  @Override
  public Shareable copy() {
    return this; // thread-safe: Bucket4j buckets and the Caffeine cache are
  }

  public void handle(RoutingContext ctx) {
    if (ctx.request().path().startsWith("/health/")) {
      ctx.next();
      return;
    }
    AccessTokens.Token token = AccessTokens.of(ctx);
    boolean service = token.roles().contains(JwtKeys.SERVICE_ROLE);
    Limit limit = service ? services : clients;
    if (limit == null) {
      ctx.next();
      return;
    }
    String client = token.subject() != null ? "sub:" + token.subject() : "addr:" + ctx.request().remoteAddress().hostAddress();
    ConsumptionProbe probe = limit.take(client);
    if (probe.isConsumed()) {
      ctx.next();
      return;
    }
    long retryAfter = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    ProblemResponses.send(ctx, Problem.of(429, "Too many requests from this client: at most " + limit.perSecond()
      + " per second, " + limit.burst() + " at once. Retry after " + retryAfter + " s.").with("retryAfter", retryAfter));
  }

  /** True when any limit is on. */
  public boolean active() {
    return clients != null || services != null;
  }
}
