package io.brandstats.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A test node's configuration: the defaults, changed where tests need it, and keys set by their path")
class TestConfigTest {

  @Test
  @DisplayName("a test node listens on a free port, keeps its data under target/ by name, signs with a key of its own and throttles no one")
  void testDefaults() throws Exception {
    JsonObject config = TestConfig.of("defaults");
    int port = config.getJsonObject("http").getInteger("port");
    try (ServerSocket free = new ServerSocket(port)) {
      assertThat(free.getLocalPort()).isEqualTo(port);
    }
    assertThat(Path.of(config.getJsonObject("embedded").getString("dataDir")))
      .isEqualTo(Path.of("target", "brandstats-testkit", "defaults"));
    assertThat(config.getJsonObject("auth").getJsonArray("secrets")).hasSize(1);
    assertThat(config.getJsonObject("auth").getJsonArray("secrets").getString(0)).matches("testkit:.{32,}");
    assertThat(config.getJsonObject("limits").getJsonObject("rate").getInteger("requestsPerSecond")).isZero();
    assertThat(config.getJsonObject("db").getString("host")).as("the embedded database").isEmpty();
  }

  @Test
  @DisplayName("a key path sets that key, a list becomes a YAML list, and the rest stays as it was")
  void setByPath() {
    JsonObject config = TestConfig.of("set");
    TestConfig.set(config, "gateway.requestTimeout", 300);
    TestConfig.set(config, "limits.rate.burst", 7);
    TestConfig.set(config, "node.services", List.of("gateway", "brand"));

    assertThat(config.getJsonObject("gateway").getInteger("requestTimeout")).isEqualTo(300);
    assertThat(config.getJsonObject("limits").getJsonObject("rate").getInteger("burst")).isEqualTo(7);
    assertThat(config.getJsonObject("node").getJsonArray("services").getList()).containsExactly("gateway", "brand");
    assertThat(config.getJsonObject("gateway").getString("contract")).as("untouched").isEmpty();
  }

  @Test
  @DisplayName("a key the configuration does not have, or a whole section, is refused naming the path")
  void unknownKeys() {
    JsonObject config = TestConfig.of("unknown");
    assertThatThrownBy(() -> TestConfig.set(config, "gateway.requestTimeuot", 300))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gateway.requestTimeuot");
    assertThatThrownBy(() -> TestConfig.set(config, "nosuch.section.key", 1))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nosuch.section.key");
    assertThatThrownBy(() -> TestConfig.set(config, "http.cors", "https://shop.example"))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http.cors");
    assertThat(config.getJsonObject("http").getJsonObject("cors").getJsonArray("origins")).isEmpty();
  }
}
