package io.brandstats.node;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.brandstats.common.NodeStatus;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.spi.VertxTracerFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vert.x instance a node runs on: alone, or a member of a Hazelcast cluster whose event bus spans
 * every node, so a gateway anywhere reaches a service anywhere and change events reach every cache.
 */
final class ClusterNode {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

  private final Vertx vertx;
  private final HazelcastClusterManager manager;
  private volatile boolean draining;

  private ClusterNode(Vertx vertx, HazelcastClusterManager manager) {
    this.vertx = vertx;
    this.manager = manager;
  }

  /** @param tracer what reports spans, or null for none */
  static ClusterNode single(VertxOptions options, VertxTracerFactory tracer) {
    return new ClusterNode(builder(options, tracer).build(), null);
  }

  /** Joins (or founds) the cluster; blocks the starting thread until this node is a member. */
  static ClusterNode join(ClusterSettings settings, VertxOptions options, VertxTracerFactory tracer) {
    long started = System.nanoTime();
    HazelcastClusterManager manager = new HazelcastClusterManager(settings.hazelcast());
    Vertx vertx = builder(settings.applyTo(options), tracer).withClusterManager(manager).buildClustered().await();
    LOG.info("Joined cluster '{}' as {} ({} member(s), {} ms)", settings.name(), manager.getNodeId(),
      manager.getNodes().size(), (System.nanoTime() - started) / 1_000_000);
    manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        LOG.info("A node joined the cluster: {} member(s)", event.getMembers().size());
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        LOG.warn("A node left the cluster: {} member(s)", event.getMembers().size());
        // The gateways here fail over the requests that may have been in flight to it.
        vertx.eventBus().publish(NodeStatus.MEMBER_LEFT, event.getMember().getUuid().toString(),
          new DeliveryOptions().setLocalOnly(true));
      }
    });
    return new ClusterNode(vertx, manager);
  }

  Vertx vertx() {
    return vertx;
  }

  /** From now on readiness says this node is draining (503), so load balancers stop sending it requests. */
  void startDraining() {
    draining = true;
  }

  /** Without a tracer Vert.x has none at all: not one call of the hot path reaches tracing code. */
  private static VertxBuilder builder(VertxOptions options, VertxTracerFactory tracer) {
    VertxBuilder builder = Vertx.builder().with(options);
    return tracer == null ? builder : builder.withTracer(tracer);
  }

  /** Answers {@link NodeStatus#ADDRESS} on this node only: its services and, in a cluster, the members. */
  void answerStatus(List<String> services) {
    vertx.eventBus().localConsumer(NodeStatus.ADDRESS, message -> {
      JsonObject status = new JsonObject().put("services", new JsonArray(services)).put("clustered", manager != null)
        .put("draining", draining);
      if (manager != null) {
        List<String> members = manager.getNodes();
        status.put("nodeId", manager.getNodeId()).put("members", members.size()).put("memberIds", new JsonArray(members));
      }
      message.reply(status);
    });
  }
}
