package io.brandstats.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brandstats.config.ConfigLoader;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A node's options: command-line flags over the configuration, and what a cluster node needs")
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
  @DisplayName("--cluster turns clustering on, the member list comes from the environment as a comma-separated list, and binding all interfaces needs a public address")
  void clusterFlag() {
    assertThat(ConfigLoader.load(null, Map.of()).getJsonObject("cluster").getBoolean("enabled")).isFalse();
    assertThat(Main.configFrom(new String[] {"--cluster"}).getJsonObject("cluster").getBoolean("enabled")).isTrue();
    JsonObject config = ConfigLoader.load(null, Map.of("BRANDSTATS_CLUSTER_MEMBERS", "10.0.0.1, 10.0.0.2:5702"));
    assertThat(ClusterSettings.from(config).members()).containsExactly("10.0.0.1", "10.0.0.2:5702");

    JsonObject anyInterface = ConfigLoader.load(null, Map.of("BRANDSTATS_CLUSTER_HOST", "0.0.0.0"));
    assertThatThrownBy(() -> ClusterSettings.from(anyInterface)).hasMessageContaining("cluster.publicHost");
    anyInterface.getJsonObject("cluster").put("publicHost", "node1");
    assertThat(ClusterSettings.from(anyInterface).publicHost()).isEqualTo("node1");
  }

  @Test
  @DisplayName("a cluster node that would start the embedded database at a random port is refused, saying what to set")
  void clusterNeedsASharedDatabase() {
    JsonObject config = ConfigLoader.load(null, Map.of("BRANDSTATS_CLUSTER_ENABLED", "true"));
    assertThatThrownBy(() -> Brandstats.start(config))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("db.host")
      .hasMessageContaining("embedded.port");
  }

  @Test
  @DisplayName("a cluster node without a configured shared secret is refused: a key generated per node would not be trusted by the others")
  void clusterNeedsASharedSecret() {
    JsonObject config = ConfigLoader.load(null, Map.of("BRANDSTATS_CLUSTER_ENABLED", "true",
      "BRANDSTATS_DB_HOST", "127.0.0.1", "BRANDSTATS_EMBEDDED_DATA_DIR", "target/test-data/cluster-no-secret"));
    assertThatThrownBy(() -> Brandstats.start(config))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("auth.secrets");
  }
}
