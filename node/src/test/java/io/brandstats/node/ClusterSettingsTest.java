package io.brandstats.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brandstats.config.ConfigLoader;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A cluster node's settings, and what it needs before it may start")
class ClusterSettingsTest {

  @Test
  @DisplayName("the member list comes from the environment as a comma-separated list, and binding all interfaces needs a public address")
  void membersAndPublicHost() {
    JsonObject config = ConfigLoader.load(null, Map.of("BRANDSTATS_CLUSTER_MEMBERS", "10.0.0.1, 10.0.0.2:5702"));
    assertThat(ClusterSettings.from(config).members()).containsExactly("10.0.0.1", "10.0.0.2:5702");

    JsonObject anyInterface = ConfigLoader.load(null, Map.of("BRANDSTATS_CLUSTER_HOST", "0.0.0.0"));
    assertThatThrownBy(() -> ClusterSettings.from(anyInterface)).hasMessageContaining("cluster.publicHost");
    anyInterface.getJsonObject("cluster").put("publicHost", "node1");
    assertThat(ClusterSettings.from(anyInterface).publicHost()).isEqualTo("node1");
  }

  @Test
  @DisplayName("in Kubernetes the members are found through a headless Service's DNS name instead of a list")
  void kubernetesDiscovery() {
    JsonObject listed = ConfigLoader.load(null, Map.of());
    assertThat(ClusterSettings.from(listed).hazelcast().getNetworkConfig().getJoin().getTcpIpConfig().isEnabled()).isTrue();
    assertThat(ClusterSettings.from(listed).hazelcast().getNetworkConfig().getJoin().getKubernetesConfig().isEnabled()).isFalse();

    JsonObject kubernetes = ConfigLoader.load(null, Map.of("BRANDSTATS_CLUSTER_KUBERNETES_SERVICE", "brandstats-cluster",
      "BRANDSTATS_CLUSTER_HOST", "0.0.0.0", "BRANDSTATS_CLUSTER_PUBLIC_HOST", "10.1.2.3"));
    com.hazelcast.config.JoinConfig join = ClusterSettings.from(kubernetes).hazelcast().getNetworkConfig().getJoin();
    assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
    assertThat(join.getKubernetesConfig().getProperty("service-dns")).isEqualTo("brandstats-cluster");
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
