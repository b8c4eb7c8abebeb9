package io.brandstats.launcher;

import io.brandstats.common.auth.JwtKeys;
import io.brandstats.common.auth.TokenMinter;
import io.brandstats.embedded.EmbeddedMariaDb;
import io.brandstats.testkit.TestConfig;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A cluster of nodes on loopback, each a JVM of its own started from the packaged jar, sharing one embedded
 * database: the environment every node gets (the database, the members, one signing secret, upstreams through the
 * gateway, no per-client rate limit), a writer token signed with that secret, and the nodes, killed at close.
 */
final class LocalCluster implements AutoCloseable {

  private final Path root;
  private final EmbeddedMariaDb database;
  private final Map<String, String> env = new HashMap<>();
  private final List<Integer> clusterPorts = new ArrayList<>();
  private final List<NodeProcess> nodes = new ArrayList<>();
  private final int httpPort = TestConfig.freePort();
  private final String writerToken;

  /** @param members how many nodes may join (each gets a cluster port of its own) */
  LocalCluster(Path root, int members) throws Exception {
    this.root = root;
    this.database = EmbeddedMariaDb.start(root.resolve("database"), 0, java.util.List.of(),
      io.brandstats.testkit.TestConfig.SERVER_DIR);
    for (int i = 0; i < members; i++) {
      clusterPorts.add(TestConfig.freePort());
    }
    env.put("BRANDSTATS_DB_HOST", "127.0.0.1");
    env.put("BRANDSTATS_DB_PORT", String.valueOf(database.port()));
    env.put("BRANDSTATS_DB_USER", "root");
    env.put("BRANDSTATS_DB_PASSWORD", database.rootPassword());
    env.put("BRANDSTATS_CLUSTER_MEMBERS", String.join(",", clusterPorts.stream().map(p -> "127.0.0.1:" + p).toList()));
    for (String upstream : List.of("BRAND", "PRODUCT", "STORE")) {
      env.put("BRANDSTATS_UPSTREAMS_" + upstream + "_BASE_URL", gateway());
    }
    // Every node signs and checks tokens with the same secret, as a cluster must.
    String secret = "cluster-" + UUID.randomUUID() + UUID.randomUUID();
    env.put("BRANDSTATS_AUTH_SECRETS", "cluster:" + secret);
    // The test's clients all come from one address: as a load generator, not throttled like one client.
    env.put("BRANDSTATS_LIMITS_RATE_REQUESTS_PER_SECOND", "0");
    Vertx signer = Vertx.vertx();
    writerToken = new TokenMinter(signer, JwtKeys.key("cluster", "HS256", secret), "roles")
      .mint("cluster-it", List.of("writer"), 3600);
    signer.close();
  }

  /** The environment of nodes started from now on; a test adds its own settings. */
  Map<String, String> env() {
    return env;
  }

  /** The port the gateway node is to listen on ({@code --port}), which every node's upstreams point at. */
  int httpPort() {
    return httpPort;
  }

  String gateway() {
    return "http://127.0.0.1:" + httpPort;
  }

  String writerToken() {
    return writerToken;
  }

  /** Starts {@code java -jar brandstats.jar --cluster args...} as the member with this index. */
  NodeProcess start(String name, int member, String... args) throws Exception {
    Map<String, String> nodeEnv = new HashMap<>(env);
    nodeEnv.put("BRANDSTATS_CLUSTER_PORT", String.valueOf(clusterPorts.get(member)));
    List<String> all = new ArrayList<>(List.of("--cluster"));
    all.addAll(List.of(args));
    NodeProcess node = NodeProcess.start(name, root, nodeEnv, all.toArray(String[]::new));
    nodes.add(node);
    return node;
  }

  @Override
  public void close() throws Exception {
    for (NodeProcess node : nodes) {
      node.close();
    }
    database.stop();
  }
}
