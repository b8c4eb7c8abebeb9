package io.brandstats.stats.rollups;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start: the rollups must be built in the configured reporting zone. When the stored zone differs (or none is
 * stored yet), the rollups are emptied, the zone's offsets are written and the watermark goes back to 0, in one
 * transaction: the worker then rebuilds every rollup from {@code sale}, a batch at a time.
 */
public final class RollupSetup {

  private static final Logger LOG = LoggerFactory.getLogger(RollupSetup.class);

  private RollupSetup() {
  }

  /**
   * True when the rollups are to be rebuilt (the worker logs when it is done). One transaction holding the state
   * row: folders on every node wait, and nodes starting together reset once (the second finds the zone set).
   */
  public static Future<Boolean> prepare(Pool pool, ReportingZone zone) {
    return pool.withTransaction(conn -> conn.query(RollupSql.LOCK_STATE).execute().compose(rows -> {
      Row state = rows.iterator().next();
      String built = state.getString("time_zone");
      if (zone.name().equals(built)) {
        return Future.succeededFuture(false);
      }
      if (built != null || state.getLong("watermark") > 0) {
        LOG.info("Rollups were built in time zone {}; rebuilding them from the sales in {}", built, zone.name());
      }
      return reset(conn, zone).map(true);
    }));
  }

  /** Empties the rollups (DELETE: it stays in the transaction), writes the zone's offsets, starts from sale id 0. */
  private static Future<?> reset(SqlConnection conn, ReportingZone zone) {
    Future<?> emptied = Future.succeededFuture();
    for (Rollup rollup : Rollup.values()) {
      emptied = emptied.compose(done -> conn.query(RollupSql.clear(rollup.table)).execute());
    }
    return emptied.compose(done -> conn.query(RollupSql.CLEAR_OFFSETS).execute())
      .compose(cleared -> offsets(conn, zone))
      .compose(written -> conn.preparedQuery(RollupSql.RESTART).execute(Tuple.of(zone.name())));
  }

  private static Future<?> offsets(SqlConnection conn, ReportingZone zone) {
    List<Tuple> spans = zone.offsetSpans();
    List<Future<?>> inserted = new ArrayList<>();
    for (Tuple span : spans) {
      inserted.add(conn.preparedQuery(RollupSql.ADD_OFFSET).execute(span));
    }
    return Future.all(inserted);
  }

  /** The watermark, the newest soldAt folded and the zone, as every statistic reports them. */
  public static Future<Row> state(Pool pool) {
    return pool.query(RollupSql.READ_STATE).execute().map(rows -> rows.iterator().next());
  }

}
