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
 * stored yet), folding is suspended, the rollups are emptied, the zone's offsets are written and the watermark
 * goes back to 0: the worker then rebuilds every rollup from {@code sale}, a batch at a time.
 */
public final class RollupSetup {

  private static final Logger LOG = LoggerFactory.getLogger(RollupSetup.class);

  private RollupSetup() {
  }

  /** True when the rollups are to be rebuilt (the worker logs when it is done). */
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
      return conn.query(RollupSql.SUSPEND).execute().map(true);
    })).compose(reset -> reset ? reset(pool, zone).map(true) : Future.succeededFuture(false));
  }

  private static Future<Void> reset(Pool pool, ReportingZone zone) {
    Future<?> emptied = Future.succeededFuture();
    for (Rollup rollup : Rollup.values()) {
      emptied = emptied.compose(done -> pool.query(RollupSql.truncate(rollup.table)).execute());
    }
    return emptied.compose(done -> pool.query(RollupSql.truncate("fold_batch")).execute())
      .compose(done -> pool.withTransaction(conn -> conn.query(RollupSql.LOCK_STATE).execute()
        .compose(locked -> conn.query(RollupSql.CLEAR_OFFSETS).execute())
        .compose(cleared -> offsets(conn, zone))
        .compose(written -> conn.preparedQuery(RollupSql.RESTART).execute(Tuple.of(zone.name())))))
      .mapEmpty();
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
