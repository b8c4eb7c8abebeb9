package io.brandstats.node;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.brandstats.common.NodeStatus;
import com.hazelcast.multimap.MultiMap;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.spi.VertxTracerFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.spi.cluster.hazelcast.impl.HazelcastRegistrationInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
  /** Members that said they drained and are leaving (Hazelcast member ids). */
  private final Set<String> drained = ConcurrentHashMap.newKeySet();

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
    ClusterNode node = new ClusterNode(vertx, manager);
    vertx.eventBus().<String>consumer(NodeStatus.LEAVING, leaving -> node.drained.add(leaving.body()));
    manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        LOG.info("A node joined the cluster: {} member(s)", event.getMembers().size());
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        String member = event.getMember().getUuid().toString();
        boolean drained = node.drained.remove(member);
        if (drained) {
          LOG.info("A node left the cluster after draining: {} member(s)", event.getMembers().size());
        } else {
          LOG.warn("A node left the cluster: {} member(s)", event.getMembers().size());
        }
        // The gateways here send reads in flight again; writes only fail over when it did not drain.
        vertx.eventBus().publish(NodeStatus.MEMBER_LEFT, new JsonObject().put("member", member).put("drained", drained),
          new DeliveryOptions().setLocalOnly(true));
      }
    });
    return node;
  }

  /**
   * Takes this node out of the cluster's routing for these addresses while its handlers stay: the others stop sending
   * it requests, and any already on their way are still answered here (Vert.x drops a message that arrives for an
   * address with no handler left, so the handlers go only after the routing has moved). Blocks until done.
   */
  void withdraw(List<String> addresses) {
    if (manager == null) {
      return;
    }
    // vertx-hazelcast 5.0.7 keeps the subscriptions in this MultiMap; removing ours through the cluster manager also
    // stops it from publishing them again.
    MultiMap<String, HazelcastRegistrationInfo> subscriptions = manager.getHazelcastInstance().getMultiMap("__vertx.subs");
    List<Future<Void>> removed = new ArrayList<>();
    for (String address : addresses) {
      for (HazelcastRegistrationInfo subscription : subscriptions.get(address)) {
        RegistrationInfo registration = subscription.unwrap();
        if (registration.nodeId().equals(manager.getNodeId())) {
          Promise<Void> done = Promise.promise();
          manager.removeRegistration(address, registration, done);
          removed.add(done.future());
        }
      }
    }
    Future.all(removed).await();
  }

  /**
   * Tells every node that this one has drained (it holds no work) and is about to leave, so they need not fail
   * over requests when it goes.
   */
  void announceLeaving() {
    if (manager != null) {
      vertx.eventBus().publish(NodeStatus.LEAVING, manager.getHazelcastInstance().getCluster().getLocalMember().getUuid().toString());
    }
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
