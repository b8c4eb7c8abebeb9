package io.brandstats.common.replica;

import io.brandstats.common.DbConfig;
import io.brandstats.common.Meters;
import io.brandstats.common.Pools;
import io.brandstats.common.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which pool a service's read goes to. Reads that tolerate lag (lists, gets, statistics) go to the service's
 * replica while it is in use (see {@link ReplicaLag}); everything else, and a read of an entity written in the
 * last seconds (see {@link RecentWrites}), goes to the primary. A read that fails on the replica is run once more
 * on the primary, so a replica dying under load fails no read. Without a replica every read is the primary's.
 */
public final class ReadPools {

  private final Pool primary;
  private final Pool replica;
  private final ReplicaLag lag;
  private final RecentWrites writes;
  private final ReplicaMeters meters;
  private final Vertx vertx;
  private long timer = -1;

  private ReadPools(Vertx vertx, Pool primary, Pool replica, ReplicaLag lag, RecentWrites writes, ReplicaMeters meters) {
    this.vertx = vertx;
    this.meters = meters;
    this.primary = primary;
    this.replica = replica;
    this.lag = lag;
    this.writes = writes;
  }

  /**
   * Call on the service's own context: the polls and the change listener run there.
   *
   * @param replicaConfig {@code {"db":{..},"maxLagSeconds":n}}, or null for no replica
   */
  public static ReadPools create(Vertx vertx, String service, Pool primary, JsonObject replicaConfig) {
    return create(vertx, service, primary, replicaConfig, Meters.NONE);
  }

  /** As {@link #create(Vertx, String, Pool, JsonObject)}, counting where reads go in {@code registry}. */
  public static ReadPools create(Vertx vertx, String service, Pool primary, JsonObject replicaConfig,
                                 MeterRegistry registry) {
    if (replicaConfig == null) {
      return new ReadPools(vertx, primary, null, null, null, null);
    }
    DbConfig db = DbConfig.from(replicaConfig.getJsonObject("db"));
    int maxLag = replicaConfig.getInteger("maxLagSeconds");
    Pool replica = Pools.create(vertx, db, db.database() + "-replica-pool");
    ReadPools reads = new ReadPools(vertx, primary, replica, new ReplicaLag(replica, maxLag, service),
      new RecentWrites(maxLag), new ReplicaMeters(registry, service));
    // Writes on other nodes (and other instances here) are announced on <service>.changed.
    vertx.eventBus().<JsonObject>consumer(service + ".changed", change -> reads.wrote(change.body().getLong("id")));
    reads.lag.poll();
    reads.timer = vertx.setPeriodic(ReplicaLag.POLL_MS, tick -> {
      reads.lag.poll();
      reads.writes.prune();
    });
    return reads;
  }

  /** Writes, conditional updates and reads that must see the latest state. */
  public Pool primary() {
    return primary;
  }

  /** A list: the replica unless it is skipped or anything was written lately. */
  public <T> Future<T> read(Function<SqlClient, Future<T>> query) {
    return usable() && !writes.anyRecent() ? onReplica(query, found -> false) : onPrimary(query);
  }

  /**
   * A read of one entity: the replica unless it is skipped or this entity was written lately. An answer the replica
   * may merely not have yet ({@code notThereYet}, e.g. no row: an entity created elsewhere a moment ago) is asked of
   * the primary too, so lag never turns into a 404.
   */
  public <T> Future<T> readEntity(long id, Function<SqlClient, Future<T>> query, Predicate<T> notThereYet) {
    return usable() && !writes.recent(id) ? onReplica(query, notThereYet) : onPrimary(query);
  }

  /**
   * A statistic: the replica whenever it is in use, even right after writes. It aggregates every client's writes, so
   * it promises none its own; it is at most {@code maxLagSeconds} behind.
   */
  public <T> Future<T> readAggregate(Function<SqlClient, Future<T>> query) {
    return usable() ? onReplica(query, found -> false) : onPrimary(query);
  }

  /** Rows were written (e.g. sales), no one entity: lists go to the primary for a while. */
  public void wroteSome() {
    if (writes != null) {
      writes.wroteSome();
    }
  }

  /** The entity was just written: reads of it go to the primary for a while. */
  public void wrote(long id) {
    if (writes != null) {
      writes.wrote(id);
    }
  }

  /** For readiness; null without a replica. */
  public JsonObject health() {
    return lag == null ? null : lag.health();
  }

  public Future<Void> close() {
    if (replica == null) {
      return Future.succeededFuture();
    }
    vertx.cancelTimer(timer);
    return replica.close();
  }

  private boolean usable() {
    return replica != null && lag.usable();
  }

  /** On the replica; once more on the primary when it fails there (and it is skipped until found well). */
  private <T> Future<T> onPrimary(Function<SqlClient, Future<T>> query) {
    if (meters != null) {
      meters.onPrimary.increment();
    }
    return query.apply(primary);
  }

  private <T> Future<T> onReplica(Function<SqlClient, Future<T>> query, Predicate<T> notThereYet) {
    meters.onReplica.increment();
    return query.apply(replica).compose(
      found -> notThereYet.test(found) ? query.apply(primary) : Future.succeededFuture(found),
      failure -> {
        if (failure instanceof ProblemException) {
          return Future.failedFuture(failure); // an answer (e.g. 404), not the replica failing
        }
        lag.failed(failure);
        meters.retried.increment();
        return query.apply(primary);
      });
  }
}
