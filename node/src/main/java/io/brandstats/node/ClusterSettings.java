package io.brandstats.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import java.util.List;

/**
 * The {@code cluster} section: how this node finds the others (a fixed member list, or in Kubernetes a headless
 * Service's DNS name; never multicast)
 * and where its event bus listens. Hazelcast keeps membership and the event-bus subscriptions; the
 * event bus itself talks node to node over its own TCP port.
 */
record ClusterSettings(String name, String host, String publicHost, int port, List<String> members,
                       String kubernetesService, int eventBusPort, int heartbeatTimeout, int connectTimeout) {

  private static final String ANY = "0.0.0.0";

  static ClusterSettings from(JsonObject config) {
    JsonObject cluster = config.getJsonObject("cluster");
    String host = cluster.getString("host");
    String publicHost = cluster.getString("publicHost");
    if (ANY.equals(host) && publicHost.isEmpty()) {
      throw new IllegalArgumentException("cluster.host is 0.0.0.0, which other nodes cannot connect to: set "
        + "cluster.publicHost (BRANDSTATS_CLUSTER_PUBLIC_HOST) to the address they reach this node at");
    }
    return new ClusterSettings(
      cluster.getString("name"),
      host,
      publicHost.isEmpty() ? host : publicHost,
      cluster.getInteger("port"),
      cluster.getJsonArray("members").stream().map(String::valueOf).map(String::trim).filter(m -> !m.isEmpty()).toList(),
      cluster.getString("kubernetesService").trim(),
      cluster.getInteger("eventBusPort"),
      cluster.getInteger("heartbeatTimeout"),
      cluster.getInteger("connectTimeout"));
  }

  /** Vert.x's own map settings (subscriptions, node info) with our network over them. */
  Config hazelcast() {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(name);
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false"); // Brandstats.close leaves the cluster in order
    config.setProperty("hazelcast.socket.bind.any", String.valueOf(ANY.equals(host)));
    // A vanished host is noticed by missing heartbeats: seconds, not Hazelcast's default minute (a killed
    // process sooner, by its refused connections).
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(heartbeatTimeout));
    // A killed process: its refused connections, checked every 100 ms, remove it after 3 faults (under a second).
    config.setProperty("hazelcast.connection.monitor.interval", "100");
    config.setProperty("hazelcast.connection.monitor.max.faults", "3");
    // The oldest member admits joiners after a second of quiet (several starting together join as one batch),
    // never later than 2 s after the first asked.
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    config.setProperty("hazelcast.max.wait.seconds.before.join", "2");
    // Nodes started at the same moment can found two clusters; they merge at the next check, seconds later.
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(true);
    if (!publicHost.equals(host)) {
      network.setPublicAddress(publicHost + ":" + port);
    }
    if (!ANY.equals(host)) {
      network.getInterfaces().setEnabled(true).setInterfaces(List.of(host));
    }
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (!kubernetesService.isEmpty()) {
      // In Kubernetes the members are the addresses a headless Service's DNS name resolves to.
      join.getKubernetesConfig().setEnabled(true).setProperty("service-dns", kubernetesService)
        .setProperty("service-port", String.valueOf(port));
      return config;
    }
    // How long a listed member may take to answer before a starting node looks further (or founds the cluster).
    join.getTcpIpConfig().setEnabled(true).setMembers(members).setConnectionTimeoutSeconds(connectTimeout);
    return config;
  }

  /** The node's options with its event bus where the other nodes can reach it. */
  VertxOptions applyTo(VertxOptions options) {
    return options.setEventBusOptions(new EventBusOptions()
      .setHost(host)
      .setPort(eventBusPort)
      .setClusterPublicHost(publicHost));
  }
}
