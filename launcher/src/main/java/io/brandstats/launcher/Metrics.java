package io.brandstats.launcher;

import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.EnumSet;
import java.util.UUID;

/**
 * The Vert.x options a node is built with, for its metrics: Micrometer with a Prometheus registry of its
 * own, labelled so every series stays bounded (HTTP by route template, method and status; event bus by
 * address; pools by type and name), plus JVM meters. With {@code metrics.enabled: false}, none.
 */
final class Metrics {

  private static final EnumSet<Label> LABELS = EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE,
    Label.EB_ADDRESS, Label.EB_SIDE, Label.EB_FAILURE, Label.POOL_TYPE, Label.POOL_NAME, Label.NAMESPACE);

  private Metrics() {
  }

  /**
   * Also names the node's registry in {@code config.metrics.registry}, where its verticles find it
   * (one per node: several nodes in one JVM, as in tests, keep their meters apart).
   */
  static VertxOptions vertxOptions(JsonObject config) {
    JsonObject metrics = config.getJsonObject("metrics");
    VertxOptions options = new VertxOptions();
    if (metrics == null || !metrics.getBoolean("enabled", true)) {
      return options;
    }
    String registry = "brandstats-" + UUID.randomUUID();
    metrics.put("registry", registry);
    return options.setMetricsOptions(new MicrometerMetricsOptions()
      .setEnabled(true)
      .setRegistryName(registry)
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
      .setLabels(LABELS)
      .setJvmMetricsEnabled(true));
  }
}
