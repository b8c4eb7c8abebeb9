package io.brandstats.common;

/**
 * Where a node answers, on its own event bus only, what it is: the services it runs and, in a
 * cluster, its membership. The launcher answers it; readiness shows it. Verticles need not know
 * whether they run alone or in a cluster.
 */
public final class NodeStatus {

  /** A local address: each node answers for itself. */
  public static final String ADDRESS = "brandstats.node";

  /**
   * Published on each node's own event bus when a member left the cluster; body: {@code {"member": its Hazelcast
   * member id, "drained": whether it said it had drained first}}. Requests in flight to a member that did not
   * drain (killed, vanished) are presumed lost; even one that drained may have missed a request sent to it as it
   * withdrew (Vert.x drops a message that finds no handler on arrival).
   */
  public static final String MEMBER_LEFT = "brandstats.node.member-left";

  /** Published cluster-wide by a node that has drained and is about to leave; body: its Hazelcast member id. */
  public static final String LEAVING = "brandstats.node.leaving";

  private NodeStatus() {
  }
}
