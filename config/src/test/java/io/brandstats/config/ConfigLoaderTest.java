package io.brandstats.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Configuration: built-in defaults, a file, then environment variables")
class ConfigLoaderTest {

  @Test
  @DisplayName("the defaults run everything on the embedded database on port 8080")
  void defaults() {
    JsonObject config = ConfigLoader.load(null, Map.of());
    assertThat(config.getJsonObject("http").getInteger("port")).isEqualTo(8080);
    assertThat(config.getJsonObject("db").getString("host")).isEmpty();
    assertThat(config.getJsonObject("node").getJsonArray("services").getList())
      .containsExactly("gateway", "brand", "store", "product", "stats");
  }

  @Test
  @DisplayName("a fraction from the environment (tracing.sampler) is read as a number; a word there is refused")
  void fractionFromEnvironment() {
    JsonObject config = ConfigLoader.load(null, Map.of("BRANDSTATS_TRACING_SAMPLER", "0.25"));
    assertThat(config.getJsonObject("tracing").getValue("sampler")).isEqualTo(0.25);
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("BRANDSTATS_TRACING_SAMPLER", "half")))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BRANDSTATS_TRACING_SAMPLER");
  }

  @Test
  @DisplayName("environment variables are BRANDSTATS_ plus the key path in upper snake case, typed like the default")
  void environment() {
    JsonObject config = ConfigLoader.load(null, Map.of(
      "BRANDSTATS_HTTP_PORT", "9090",
      "BRANDSTATS_HTTP_BODY_LIMIT", "2048",
      "BRANDSTATS_BRAND_DB_HOST", "db.internal",
      "BRANDSTATS_NODE_SERVICES", "gateway, brand"));
    assertThat(config.getJsonObject("http").getInteger("port")).isEqualTo(9090);
    assertThat(config.getJsonObject("http").getLong("bodyLimit")).isEqualTo(2048L);
    assertThat(config.getJsonObject("brand").getJsonObject("db").getString("host")).isEqualTo("db.internal");
    assertThat(config.getJsonObject("node").getJsonArray("services").getList()).isEqualTo(List.of("gateway", "brand"));
  }

  @Test
  @DisplayName("a file overrides the defaults and the environment overrides the file")
  void precedence(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("node.yaml");
    Files.writeString(file, "http:\n  port: 7000\n  instances: 3\n");
    JsonObject config = ConfigLoader.load(file, Map.of("BRANDSTATS_HTTP_PORT", "7001"));
    assertThat(config.getJsonObject("http").getInteger("port")).isEqualTo(7001);
    assertThat(config.getJsonObject("http").getInteger("instances")).isEqualTo(3);
    assertThat(config.getJsonObject("http").getLong("bodyLimit")).as("untouched default").isEqualTo(1_048_576L);
  }

  @Test
  @DisplayName("an unknown key in a file fails start-up instead of being ignored")
  void unknownKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("typo.yaml");
    Files.writeString(file, "http:\n  prot: 7000\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("http.prot");
  }

  @Test
  @DisplayName("a number that is not one fails start-up naming the variable")
  void badNumber() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("BRANDSTATS_HTTP_PORT", "eighty")))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("BRANDSTATS_HTTP_PORT");
  }

  @Test
  @DisplayName("a node whose product or stats service would call a missing gateway is refused at start")
  void callersNeedAGateway() {
    JsonObject config = ConfigLoader.load(null, Map.of("BRANDSTATS_NODE_SERVICES", "product"));
    assertThatThrownBy(() -> VerticleConfigs.checkUpstreamsReachable(config, services(config), "gateway"))
      .hasMessageContaining("baseUrl is empty");
    for (String upstream : List.of("brand", "product", "store")) {
      config.getJsonObject("upstreams").getJsonObject(upstream).put("baseUrl", "http://gateway.internal:8080");
    }
    VerticleConfigs.checkUpstreamsReachable(config, services(config), "gateway");
  }

  private static List<String> services(JsonObject config) {
    return config.getJsonObject("node").getJsonArray("services").stream().map(String::valueOf).toList();
  }
}
