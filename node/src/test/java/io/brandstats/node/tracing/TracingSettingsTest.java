package io.brandstats.node.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brandstats.config.ConfigLoader;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Tracing settings: what tracing.* turns into")
class TracingSettingsTest {

  private static final String SECRET = "a-signing-secret-of-at-least-32-characters";

  private static JsonObject tracing(JsonObject config) {
    return config.getJsonObject("tracing");
  }

  @Test
  @DisplayName("off by default: no tracing at all")
  void offByDefault() {
    assertThat(Tracing.from(ConfigLoader.defaults(), List.of("gateway"), SECRET, null)).isNull();
  }

  @Test
  @DisplayName("the resource names the service, the node and the services it runs, plus configured attributes")
  void resource() {
    JsonObject tracing = tracing(ConfigLoader.defaults()).put("serviceName", "shop-stats").put("nodeName", "node-a")
      .put("resourceAttributes", new JsonArray().add("deployment.environment=staging").add("team = catalogue"));

    Resource resource = Tracing.resource(tracing, List.of("gateway", "brand"));

    assertThat(resource.getAttribute(Tracing.SERVICE_NAME)).isEqualTo("shop-stats");
    assertThat(resource.getAttribute(Tracing.SERVICE_INSTANCE)).isEqualTo("node-a");
    assertThat(resource.getAttribute(Tracing.NODE_SERVICES)).containsExactly("gateway", "brand");
    assertThat(resource.getAttribute(AttributeKey.stringKey("deployment.environment"))).isEqualTo("staging");
    assertThat(resource.getAttribute(AttributeKey.stringKey("team"))).isEqualTo("catalogue");
  }

  @Test
  @DisplayName("without a node name the instance is named by host and process id")
  void nodeNameFromHost() {
    Resource resource = Tracing.resource(tracing(ConfigLoader.defaults()), List.of("brand"));
    assertThat(resource.getAttribute(Tracing.SERVICE_INSTANCE)).endsWith("-" + ProcessHandle.current().pid());
  }

  @Test
  @DisplayName("an HTTP/protobuf endpoint without a path gets /v1/traces; one with a path is used as it is")
  void tracesUrl() {
    assertThat(Tracing.tracesUrl("http://collector:4318")).isEqualTo("http://collector:4318/v1/traces");
    assertThat(Tracing.tracesUrl("http://collector:4318/")).isEqualTo("http://collector:4318/v1/traces");
    assertThat(Tracing.tracesUrl("https://otel.example/custom/traces")).isEqualTo("https://otel.example/custom/traces");
  }

  @Test
  @DisplayName("an unknown exporter or protocol, a sampler outside 0-1 and an attribute without = fail start-up")
  void refused() {
    assertRefused(t -> t.put("exporter", "zipkin"), "tracing.exporter");
    assertRefused(t -> t.put("protocol", "thrift"), "tracing.protocol");
    assertRefused(t -> t.put("sampler", 1.5), "tracing.sampler");
    assertRefused(t -> t.put("resourceAttributes", new JsonArray().add("no-value")), "tracing.resourceAttributes");
  }

  private static void assertRefused(java.util.function.Consumer<JsonObject> change, String key) {
    JsonObject config = ConfigLoader.defaults();
    change.accept(tracing(config).put("enabled", true));
    assertThatThrownBy(() -> Tracing.from(config, List.of("gateway"), SECRET, null))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key);
  }
}
