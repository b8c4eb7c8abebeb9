package io.brandstats.node;

import io.brandstats.common.ServiceVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a node stops without failing a request (SIGTERM, or close in tests), in order: readiness says draining at
 * once; the services stop taking work (other nodes' gateways route around them) and finish what they hold; after
 * {@code node.drainGrace} (for load balancers to notice the 503) the gateway stops accepting and finishes its
 * requests; then the pools close and the node leaves the cluster. Each step's time is logged.
 */
final class NodeShutdown {

  private static final Logger LOG = LoggerFactory.getLogger(NodeShutdown.class);

  private NodeShutdown() {
  }

  /** Blocks the calling thread (never an event loop) until Vert.x is closed. */
  static void run(ClusterNode cluster, List<ServiceVerticle> services, List<String> gatewayDeployments, long graceMillis)
    throws InterruptedException {
    long started = System.nanoTime();
    Vertx vertx = cluster.vertx();
    cluster.startDraining();
    Future.all(services.stream().map(ServiceVerticle::drain).toList()).await();
    long drained = elapsed(started);
    if (graceMillis > drained && !gatewayDeployments.isEmpty()) {
      Thread.sleep(graceMillis - drained);
    }
    long graceEnded = elapsed(started);
    for (String id : gatewayDeployments) {
      vertx.undeploy(id).await();
    }
    long gatewayStopped = elapsed(started);
    vertx.close().await();
    LOG.info("Stopped in {} ms: services drained after {} ms, grace until {} ms, gateway stopped at {} ms, pools closed "
      + "and cluster left at {} ms", elapsed(started), drained, graceEnded, gatewayStopped, elapsed(started));
  }

  private static long elapsed(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }
}
