package io.brandstats.stats;

import io.brandstats.common.upstream.UpstreamClient;
import io.brandstats.common.upstream.UpstreamConfig;
import io.brandstats.stats.rollups.Dimension;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The services that own what sales reference and statistics name (brand, product, store), each read through
 * its resilient client, built once per verticle and used on its context.
 */
final class Owners {

  private final Map<Dimension, UpstreamClient> clients = new EnumMap<>(Dimension.class);
  private long shortestCacheTtlMs = Long.MAX_VALUE;

  /**
   * @param upstreams each owner's settings by name (upstreams.brand, ...), as the launcher resolves them
   * @param token     one token for every client: they run on this verticle's context and call as one service
   */
  Owners(Vertx vertx, JsonObject upstreams, MeterRegistry registry, Supplier<String> token) {
    for (Dimension dimension : Dimension.values()) {
      if (!dimension.isEntity()) {
        continue;
      }
      UpstreamConfig config = UpstreamConfig.from(upstreams.getJsonObject(dimension.owner));
      clients.put(dimension, new UpstreamClient(vertx, dimension.owner, path(dimension), config, registry, "stats",
        token));
      shortestCacheTtlMs = Math.min(shortestCacheTtlMs, config.cacheTtlMs());
    }
  }

  /** Where each owner's API serves its entities by id. */
  private static String path(Dimension dimension) {
    return switch (dimension) {
      case BRANDS -> "/brands/";
      case PRODUCTS -> "/products/";
      case STORES -> "/stores/";
      default -> throw new IllegalArgumentException(dimension + " has no owner");
    };
  }

  Map<Dimension, UpstreamClient> byDimension() {
    return Collections.unmodifiableMap(clients);
  }

  UpstreamClient products() {
    return clients.get(Dimension.PRODUCTS);
  }

  UpstreamClient stores() {
    return clients.get(Dimension.STORES);
  }

  /** The shortest time any owner's entities are answered from cache without asking it. */
  long shortestCacheTtlMs() {
    return shortestCacheTtlMs;
  }

  /** Completes once change events reach every client's cache. */
  Future<?> ready() {
    return Future.all(clients.values().stream().map(UpstreamClient::ready).toList());
  }

  Future<?> close() {
    return Future.join(clients.values().stream().map(UpstreamClient::close).toList());
  }

  /** Each client's breaker state and cache counters, by owner, for readiness. */
  JsonObject stats() {
    JsonObject stats = new JsonObject();
    clients.forEach((dimension, client) -> stats.put(dimension.owner, client.stats()));
    return stats;
  }
}
