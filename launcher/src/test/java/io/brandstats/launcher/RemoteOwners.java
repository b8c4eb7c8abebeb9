package io.brandstats.launcher;

import io.brandstats.testkit.TestConfig;
import io.brandstats.testkit.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Two nodes for outage tests. Node A runs everything, but reads the given upstreams through node B's
 * API. Node B runs a gateway and those owning services on node A's databases. Stopping node B takes the
 * owners away from node A's callers, as a crashed or unreachable service would; node A's own copies of
 * those services keep serving node A's clients. Upstream caches expire after 200 ms; one retry.
 */
final class RemoteOwners implements AutoCloseable {

  final TestNode nodeA;
  private TestNode nodeB;

  RemoteOwners(String name, List<String> owners) throws Exception {
    int portB = TestConfig.freePort();
    nodeA = TestNode.start(name + "-" + ProcessHandle.current().pid(), config -> {
      JsonObject upstreams = config.getJsonObject("upstreams");
      // A generous per-attempt timeout: on a loaded machine a healthy owner's answer can take over 300 ms, and
      // owners that go away refuse connections, which fails at once whatever the timeout.
      upstreams.put("cacheTtl", 200).put("timeout", 2000).put("retries", 1).put("resetTimeout", 2000);
      owners.forEach(owner -> upstreams.getJsonObject(owner).put("baseUrl", "http://127.0.0.1:" + portB));
    });
    try {
      nodeB = TestNode.start(name + "-owners", config -> {
        config.getJsonObject("http").put("port", portB);
        config.getJsonObject("node").put("services", new JsonArray().add("gateway").addAll(new JsonArray(owners)));
        nodeA.shareDatabase(config);
      });
    } catch (Exception e) {
      nodeA.close();
      throw e;
    }
  }

  /** The owners go away; waits past the cache TTL, so what is cached is stale from now on. */
  void stopOwners() throws InterruptedException {
    nodeB.close();
    nodeB = null;
    Thread.sleep(300);
  }

  @Override
  public void close() {
    try {
      if (nodeB != null) {
        nodeB.close();
      }
    } finally {
      nodeA.close();
    }
  }
}
