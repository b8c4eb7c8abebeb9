package io.brandstats.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brandstats.config.ConfigLoader;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A node's options: command-line flags over the configuration")
class NodeOptionsTest {

  @Test
  @DisplayName("command-line flags win over everything, and an unknown service is refused")
  void flags() {
    JsonObject config = Main.configFrom(new String[] {"--port", "8181", "--data-dir", "/var/lib/brandstats",
      "--services", "brand"});
    assertThat(config.getJsonObject("http").getInteger("port")).isEqualTo(8181);
    assertThat(config.getJsonObject("embedded").getString("dataDir")).isEqualTo("/var/lib/brandstats");
    assertThat(config.getJsonObject("node").getJsonArray("services").getList()).isEqualTo(List.of("brand"));

    assertThatThrownBy(() -> Main.configFrom(new String[] {"--services", "gateway,billing"}))
      .hasMessageContaining("billing");
    assertThatThrownBy(() -> Main.configFrom(new String[] {"--port", "0"})).hasMessageContaining("--port");
  }

  @Test
  @DisplayName("--cluster turns clustering on")
  void clusterFlag() {
    assertThat(ConfigLoader.load(null, Map.of()).getJsonObject("cluster").getBoolean("enabled")).isFalse();
    assertThat(Main.configFrom(new String[] {"--cluster"}).getJsonObject("cluster").getBoolean("enabled")).isTrue();
  }
}
