package io.brandstats.stats.rollups;

import static io.brandstats.common.testing.ServiceCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test support: folding every stored sale, and checking that each rollup equals GROUP BY over `sale`. */
public final class RollupChecks {

  private RollupChecks() {
  }

  /** Sets the rollups up in the zone (rebuilding them if they were in another) and folds every stored sale. */
  public static void foldAll(Vertx vertx, Pool pool, String zone) {
    ReportingZone reporting = ReportingZone.of(zone);
    await(RollupSetup.prepare(pool, reporting));
    RollupWorker worker = new RollupWorker(vertx, pool, reporting, 1000, 100_000);
    while (await(worker.foldOnce()).more()) {
      // a batch at a time until it has caught up
    }
  }

  /** A sale's reporting-zone day, as the fold computes it, for GROUP BY over sale. */
  private static final String DAY = "DATE(DATE_ADD(s.sold_at, INTERVAL (SELECT z.offset_minutes FROM zone_offset z"
    + " WHERE z.valid_from <= s.sold_at ORDER BY z.valid_from DESC LIMIT 1) MINUTE))";

  /** Every rollup, row for row, equals GROUP BY (day, currency, its keys) over the sales up to the watermark. */
  public static void assertRollupsEqualGroupBy(Pool pool) {
    long watermark = await(pool.query("SELECT watermark FROM rollup_state").execute()).iterator().next().getLong(0);
    for (Rollup rollup : Rollup.values()) {
      List<String> keys = rollup.keyColumns();
      String columns = keys.isEmpty() ? "" : ", " + String.join(", ", keys);
      String saleColumns = keys.stream().map(key -> ", COALESCE(s." + key + ", '') AS " + key).reduce("", String::concat);
      Map<String, String> rolled = rows(pool, "SELECT day, currency" + columns + ", units, revenue, orders FROM "
        + rollup.table, keys);
      Map<String, String> grouped = rows(pool, "SELECT " + DAY + " AS day, s.currency" + saleColumns
        + ", SUM(s.quantity) AS units, SUM(s.amount) AS revenue, COUNT(*) AS orders FROM sale s WHERE s.id <= "
        + watermark + " GROUP BY 1, 2" + (keys.isEmpty() ? "" : ", " + String.join(", ", keys)), keys);
      assertThat(rolled).as("%s equals GROUP BY over sale", rollup.table).isEqualTo(grouped);
    }
  }

  private static Map<String, String> rows(Pool pool, String sql, List<String> keys) {
    Map<String, String> rows = new TreeMap<>();
    List<Row> all = new ArrayList<>();
    await(pool.query(sql).execute()).forEach(all::add);
    for (Row row : all) {
      StringBuilder key = new StringBuilder(row.getLocalDate("day") + " " + row.getString("currency"));
      keys.forEach(column -> key.append(' ').append(row.getValue(column)));
      rows.put(key.toString(), row.getLong("units") + " / " + row.getBigDecimal("revenue") + " / "
        + row.getLong("orders"));
    }
    return rows;
  }
}
