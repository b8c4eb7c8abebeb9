package io.brandstats.common;

/**
 * Where a node answers, on its own event bus only, what it is: the services it runs and, in a
 * cluster, its membership. The launcher answers it; readiness shows it. Verticles need not know
 * whether they run alone or in a cluster.
 */
public final class NodeStatus {

  /** A local address: each node answers for itself. */
  public static final String ADDRESS = "brandstats.node";

  /** Published on each node's own event bus when a member leaves the cluster (cleanly or not); body: its id. */
  public static final String MEMBER_LEFT = "brandstats.node.member-left";

  private NodeStatus() {
  }
}
