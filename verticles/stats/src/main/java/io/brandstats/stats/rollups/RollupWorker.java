package io.brandstats.stats.rollups;

import io.brandstats.common.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds newly accepted sales into every rollup, off the request path: every {@code stats.rollups.foldInterval}
 * (at once again while a rebuild has more), the sales above the watermark and up to the highest surely committed
 * id, at most {@code foldBatch} of them, in one transaction that also moves the watermark. Each sale is counted
 * exactly once, across restarts and across stats nodes (the state row serialises folders). After each fold it
 * publishes {@value #FOLDED} on the (cluster) event bus: caches on every node drop what it may have changed.
 */
public final class RollupWorker {

  /**
   * Published after a fold: {"from": id, "to": id, "oldest": soldAt, "newest": soldAt, "asOf": soldAt} (sales
   * from < id <= to were added, sold between oldest and newest; soldAt as UTC ISO date-times).
   */
  public static final String FOLDED = "stats.folded";

  private static final Logger LOG = LoggerFactory.getLogger(RollupWorker.class);

  /** What one fold did; to == from when it had nothing to do. */
  public record Fold(long from, long to, LocalDateTime oldest, LocalDateTime newest, LocalDateTime asOf,
                     boolean more) {
  }

  private final Vertx vertx;
  private final Pool pool;
  private final ReportingZone zone;
  private final long intervalMs;
  private final int batch;
  private long rebuildStartedNanos;
  private long timer = -1;
  private boolean stopped;
  private Future<Fold> inFlight = Future.succeededFuture();

  public RollupWorker(Vertx vertx, Pool pool, ReportingZone zone, long intervalMs, int batch) {
    this.vertx = vertx;
    this.pool = pool;
    this.zone = zone;
    this.intervalMs = intervalMs;
    this.batch = batch;
  }

  /** Starts folding; when rebuilding, logs how long it took once it has caught up. */
  public void start(boolean rebuilding) {
    rebuildStartedNanos = rebuilding ? System.nanoTime() : 0;
    schedule(1);
  }

  /** Stops folding; completes once a fold in flight has ended, so the pool can be closed under no fold. */
  public Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    return inFlight.transform(ended -> Future.succeededFuture());
  }

  private void schedule(long delayMs) {
    if (!stopped) {
      timer = vertx.setTimer(Math.max(1, delayMs), id -> (inFlight = foldOnce()).onComplete(done -> {
        if (stopped) {
          return;
        }
        if (done.failed()) {
          LOG.warn("Folding sales into the rollups failed; trying again in {} ms", intervalMs, done.cause());
        }
        schedule(done.succeeded() && done.result().more() ? 1 : intervalMs);
      }));
    }
  }

  /** One fold: the committed horizon, then the sales above the watermark up to it (at most batch). */
  public Future<Fold> foldOnce() {
    return horizon().compose(this::fold).onSuccess(fold -> {
      if (fold.to() > fold.from()) {
        vertx.eventBus().publish(FOLDED, new JsonObject().put("from", fold.from()).put("to", fold.to())
          .put("oldest", iso(fold.oldest())).put("newest", iso(fold.newest())).put("asOf", iso(fold.asOf())));
      }
      if (rebuildStartedNanos != 0 && !fold.more() && fold.to() == 0) {
        rebuildStartedNanos = 0; // nothing to build: a new installation
      } else if (rebuildStartedNanos != 0 && !fold.more()) {
        double seconds = (System.nanoTime() - rebuildStartedNanos) / 1e9;
        LOG.info("Rollups rebuilt in time zone {}: {} sales in {} s ({} s per million sales)", zone.name(), fold.to(),
          String.format("%.1f", seconds), fold.to() == 0 ? "-" : String.format("%.1f", seconds * 1e6 / fold.to()));
        rebuildStartedNanos = 0;
      }
    });
  }

  private static String iso(LocalDateTime utc) {
    return utc == null ? null : Timestamps.iso(utc);
  }

  /** The highest sale id all of whose predecessors are committed: read while no ingestion is in flight. */
  private Future<Long> horizon() {
    return pool.withTransaction(conn -> conn.query(RollupSql.CLOSE_GATE).execute()
      .compose(gate -> conn.query(RollupSql.HORIZON).execute())
      .map(rows -> rows.iterator().next().getLong("horizon")));
  }

  /** Read committed: the sales are read without locks, so ingestion is never held up by a fold. */
  private Future<Fold> fold(long horizon) {
    return pool.getConnection().compose(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL READ COMMITTED").execute()
      .compose(set -> conn.begin())
      .compose(tx -> foldIn(conn, horizon).compose(
        fold -> tx.commit().map(fold),
        failure -> tx.rollback().transform(rolledBack -> Future.<Fold>failedFuture(failure))))
      .eventually(conn::close));
  }

  private Future<Fold> foldIn(SqlConnection conn, long horizon) {
    return conn.query(RollupSql.LOCK_STATE).execute().compose(rows -> {
      Row state = rows.iterator().next();
      long from = state.getLong("watermark");
      LocalDateTime asOf = state.getLocalDateTime("as_of");
      if (!zone.name().equals(state.getString("time_zone")) || state.getBoolean("facets_pending")) {
        return Future.succeededFuture(new Fold(from, from, null, null, asOf, false));
      }
      long to = Math.min(horizon, from + batch);
      if (to <= from) {
        return Future.succeededFuture(new Fold(from, from, null, null, asOf, false));
      }
      return add(conn, from, to).compose(span -> {
        LocalDateTime newest = span.getLocalDateTime("newest");
        LocalDateTime latest = asOf == null || (newest != null && newest.isAfter(asOf)) ? newest : asOf;
        return conn.preparedQuery(RollupSql.ADVANCE).execute(Tuple.of(to, newest, newest))
          .map(advanced -> new Fold(from, to, span.getLocalDateTime("oldest"), newest, latest, to < horizon));
      });
    });
  }

  /** Adds sales from < id <= to to every rollup; answers their oldest and newest soldAt. */
  private Future<Row> add(SqlConnection conn, long from, long to) {
    return conn.preparedQuery(RollupSql.SPAN).execute(Tuple.of(from, to)).compose(rows -> {
      Row span = rows.iterator().next();
      LocalDateTime oldest = span.getLocalDateTime("oldest");
      if (oldest == null) {
        return Future.succeededFuture(span); // ids of rolled-back transactions only
      }
      Tuple offsets = zone.offsetsBetween(oldest, span.getLocalDateTime("newest"), RollupSql.MAX_CHANGES);
      Future<?> filled = conn.query(RollupSql.DROP_BATCH).execute()
        .compose(dropped -> conn.query(RollupSql.OPEN_BATCH).execute()).compose(opened -> offsets == null
        ? conn.preparedQuery(RollupSql.FILL_BATCH_BY_TABLE).execute(Tuple.of(from, to))
        : conn.preparedQuery(RollupSql.FILL_BATCH[offsets.size() / 2]).execute(offsets.addValue(from).addValue(to)));
      return filled.compose(batch -> {
        List<Future<?>> added = new ArrayList<>();
        for (Rollup rollup : Rollup.values()) {
          added.add(conn.query(RollupSql.ADD.get(rollup)).execute());
        }
        return Future.all(added);
      }).compose(added -> conn.query(RollupSql.DROP_BATCH).execute()).map(span);
    });
  }
}
