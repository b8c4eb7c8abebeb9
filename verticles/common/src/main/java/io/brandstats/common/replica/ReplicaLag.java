package io.brandstats.common.replica;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a replica may serve reads, polled off the request path once a second: its replication threads run and it
 * is at most {@code maxLagSeconds} behind its primary ({@code SHOW REPLICA STATUS}). A failed read on it marks it
 * down at once, so reads stop going there until the next poll finds it well again.
 */
final class ReplicaLag {

  static final long POLL_MS = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaLag.class);

  private final Pool replica;
  private final int maxLagSeconds;
  private final String service;
  private boolean polling;
  private long pollStarted;
  /** Why reads skip the replica; null while it is in use. A replica not yet looked at serves nothing. */
  private String skipped = "unchecked";
  private Long lagSeconds;

  ReplicaLag(Pool replica, int maxLagSeconds, String service) {
    this.replica = replica;
    this.maxLagSeconds = maxLagSeconds;
    this.service = service;
  }

  boolean usable() {
    return skipped == null;
  }

  /** A read on the replica failed: skip it until a poll finds it well. */
  void failed(Throwable failure) {
    change("down", null, failure.getMessage());
  }

  /** For readiness: in use, or skipped with the reason (down, lagging, not-replicating) and the lag when known. */
  JsonObject health() {
    JsonObject health = new JsonObject().put("status", skipped == null ? "in-use" : "skipped");
    if (skipped != null) {
      health.put("reason", skipped);
    }
    return lagSeconds == null ? health : health.put("lagSeconds", lagSeconds).put("maxLagSeconds", maxLagSeconds);
  }

  /** Asks the replica how it is; the answer changes what {@link #usable()} says. */
  void poll() {
    if (polling) {
      // One check at a time; a replica that has not answered for two periods (a host gone silent) is skipped.
      if (System.nanoTime() - pollStarted > 2 * POLL_MS * 1_000_000) {
        change("down", null, "no answer for " + 2 * POLL_MS + " ms");
      }
      return;
    }
    polling = true;
    pollStarted = System.nanoTime();
    replica.query("SHOW REPLICA STATUS").execute()
      .onSuccess(this::judge)
      .onFailure(failure -> change("down", null, failure.getMessage()))
      .onComplete(done -> polling = false);
  }

  private void judge(RowSet<Row> rows) {
    if (rows.size() == 0) {
      change("not-replicating", null, "the server replicates from no primary");
      return;
    }
    Row row = rows.iterator().next();
    // MariaDB and MySQL before 8.0.22 name the columns Slave_*/..._Master; MySQL since then Replica_*/..._Source.
    boolean running = yes(row, "Slave_IO_Running", "Replica_IO_Running") && yes(row, "Slave_SQL_Running", "Replica_SQL_Running");
    Object lag = value(row, "Seconds_Behind_Master", "Seconds_Behind_Source");
    Long seconds = lag instanceof Number number ? number.longValue() : null;
    if (!running || seconds == null) {
      change("not-replicating", seconds, "its replication threads are not running");
    } else if (seconds > maxLagSeconds) {
      change("lagging", seconds, seconds + " s behind the primary");
    } else {
      change(null, seconds, seconds + " s behind the primary");
    }
  }

  private void change(String reason, Long lag, String why) {
    if (!Objects.equals(reason, skipped)) {
      LOG.info("The {} service's read replica is {}: {}", service, reason == null ? "in use" : "skipped (" + reason + ")", why);
    }
    skipped = reason;
    lagSeconds = lag;
  }

  private static boolean yes(Row row, String name, String newName) {
    return "Yes".equalsIgnoreCase(String.valueOf(value(row, name, newName)));
  }

  private static Object value(Row row, String name, String newName) {
    int index = row.getColumnIndex(name);
    if (index < 0) {
      index = row.getColumnIndex(newName);
    }
    return index < 0 ? null : row.getValue(index);
  }
}
