package io.brandstats.node;

import io.brandstats.common.ServiceVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a node stops without failing a request (SIGTERM, or close in tests), in order: readiness says draining at
 * once and the node's services leave the cluster's routing (other gateways send their requests elsewhere) while
 * still answering what reaches them; after {@code node.drainGrace} (for load balancers to notice the 503) the
 * services stop and finish what they hold, the gateway stops accepting and finishes its requests; then the pools
 * close and the node leaves the cluster. Each step's time is logged.
 */
final class NodeShutdown {

  private static final Logger LOG = LoggerFactory.getLogger(NodeShutdown.class);
  /** Time for every node's routing to learn that this one withdrew (a Hazelcast map event), when there is no grace. */
  private static final long ROUTING_SETTLES_MS = 500;

  private NodeShutdown() {
  }

  /** Blocks the calling thread (never an event loop) until Vert.x is closed. */
  static void run(ClusterNode cluster, boolean clustered, List<String> addresses, List<ServiceVerticle> services,
                  List<String> gatewayDeployments, long graceMillis) throws InterruptedException {
    long started = System.nanoTime();
    Vertx vertx = cluster.vertx();
    cluster.startDraining();
    if (clustered) {
      cluster.withdraw(addresses);
      // Every gateway's routing learns of it within moments; until then this node still answers what comes.
      Thread.sleep(Math.max(ROUTING_SETTLES_MS, gatewayDeployments.isEmpty() ? 0 : graceMillis - elapsed(started)));
    } else if (!gatewayDeployments.isEmpty() && graceMillis > 0) {
      Thread.sleep(graceMillis);
    }
    long graceEnded = elapsed(started);
    Future.all(services.stream().map(ServiceVerticle::drain).toList()).await();
    long drained = elapsed(started);
    for (String id : gatewayDeployments) {
      vertx.undeploy(id).await();
    }
    long gatewayStopped = elapsed(started);
    cluster.announceLeaving();
    vertx.close().await();
    LOG.info("Stopped in {} ms: routing withdrawn and grace until {} ms, services drained at {} ms, gateway stopped at {} ms, "
      + "pools closed and cluster left at {} ms", elapsed(started), graceEnded, drained, gatewayStopped, elapsed(started));
  }

  private static long elapsed(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }
}
