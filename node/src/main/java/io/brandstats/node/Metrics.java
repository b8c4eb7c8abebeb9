package io.brandstats.node;

import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The Vert.x options a node is built with, for its metrics: Micrometer with a Prometheus registry of its
 * own, labelled so every series stays bounded (calls between services by method and status; event bus by
 * address; pools by type and name), plus JVM meters; the gateway adds its own per-route HTTP meters. With
 * {@code metrics.enabled: false}, none.
 */
final class Metrics {

  private static final EnumSet<Label> LABELS = EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE,
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
    if (!metrics.getBoolean("enabled")) {
      return options;
    }
    String registry = "brandstats-" + UUID.randomUUID();
    metrics.put("registry", registry);
    return options.setMetricsOptions(new MicrometerMetricsOptions()
      .setEnabled(true)
      .setRegistryName(registry)
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
      .setLabels(LABELS)
      .setJvmMetricsEnabled(true)
      .setDisabledMetricsCategories(disabled(metrics)));
  }

  /**
   * Vert.x's HTTP server meters are replaced by the gateway's own (cheaper per request); its event-bus meters
   * (one set per message, so two per API call) are kept only when metrics.eventBus asks for them.
   */
  private static Set<String> disabled(JsonObject metrics) {
    Set<String> disabled = new HashSet<>();
    disabled.add(MetricsDomain.HTTP_SERVER.toCategory());
    if (!metrics.getBoolean("eventBus")) {
      disabled.add(MetricsDomain.EVENT_BUS.toCategory());
    }
    return disabled;
  }
}
