package io.brandstats.common;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;

/**
 * The node's meter registry, where Vert.x keeps its HTTP, event-bus and pool meters and services add
 * their own. The launcher names it in each deployment's config ({@code "metrics": {"enabled", "registry"}}),
 * one registry per node, so several nodes in one JVM (as in tests) keep apart.
 */
public final class Meters {

  /** Meters registered here go nowhere: metrics are turned off (metrics.enabled: false). */
  public static final MeterRegistry NONE = new CompositeMeterRegistry();

  private Meters() {
  }

  /** The registry named by a verticle's config, or {@link #NONE} when metrics are off. */
  public static MeterRegistry of(JsonObject verticleConfig) {
    JsonObject metrics = verticleConfig.getJsonObject("metrics");
    // No registry named: metrics are off, or no node built this Vert.x with metrics (a service's own tests).
    if (!metrics.getBoolean("enabled") || metrics.getString("registry") == null) {
      return NONE;
    }
    MeterRegistry registry = BackendRegistries.getNow(metrics.getString("registry"));
    return registry == null ? NONE : registry;
  }
}
