package io.brandstats.stats.rollups;

import java.util.EnumMap;
import java.util.Map;

/** The statements that keep the rollups: folding new sales in, the folders' state, a reset. */
final class RollupSql {

  /** Taken by a folder for a moment: every ingesting transaction holds it in share mode until it commits. */
  static final String CLOSE_GATE = "SELECT id FROM ingest_gate WHERE id = 1 FOR UPDATE";
  /** Read with the gate closed: every sale up to it is committed. */
  static final String HORIZON = "SELECT COALESCE(MAX(id), 0) AS horizon FROM sale";

  /** Serialises folders (and resets) across every stats node. */
  static final String LOCK_STATE = "SELECT watermark, as_of, time_zone, facets_pending FROM rollup_state WHERE id = 1 FOR UPDATE";
  static final String READ_STATE = "SELECT watermark, as_of, time_zone, facets_pending FROM rollup_state WHERE id = 1";

  /**
   * One fold's sales summed at the finest grain, then added to every rollup, so the sales are read once per fold:
   * a temporary table of the fold's connection (no redo log, dropped whole), created and dropped in the fold.
   */
  static final String OPEN_BATCH = "CREATE TEMPORARY TABLE fold_batch (day DATE NOT NULL, currency CHAR(3) NOT NULL,"
    + " product_id BIGINT NOT NULL, store_id BIGINT NOT NULL, brand_id BIGINT NOT NULL, category VARCHAR(80) NOT NULL,"
    + " country CHAR(2) NOT NULL, channel VARCHAR(16) NOT NULL, units BIGINT NOT NULL, revenue DECIMAL(20,2) NOT NULL,"
    + " orders BIGINT NOT NULL) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin";
  /** Also run first: a fold that failed on this pooled connection may have left its table. */
  static final String DROP_BATCH = "DROP TEMPORARY TABLE IF EXISTS fold_batch";

  /** Most offset changes a fold binds; a fold spanning more reads each sale's offset from zone_offset. */
  static final int MAX_CHANGES = 16;

  /**
   * One fold's sales summed at the finest grain, by shape: index k binds k offset changes, each (UTC date-time,
   * offset before it), then the offset after the last, then (id >, id <=). A sale's day is its UTC soldAt moved by
   * the reporting zone's offset at that instant; a fold's sales usually span one offset, at most a few.
   */
  static final String[] FILL_BATCH = new String[MAX_CHANGES + 1];

  /** The same with each sale's offset read from zone_offset (one index probe per sale): (id >, id <=). */
  static final String FILL_BATCH_BY_TABLE = fill("(SELECT z.offset_minutes FROM zone_offset z"
    + " WHERE z.valid_from <= s.sold_at ORDER BY z.valid_from DESC LIMIT 1)");

  static {
    for (int k = 0; k <= MAX_CHANGES; k++) {
      FILL_BATCH[k] = fill(k == 0 ? "?" : "CASE" + " WHEN s.sold_at < ? THEN ?".repeat(k) + " ELSE ? END");
    }
  }

  private static String fill(String offset) {
    return "INSERT INTO fold_batch"
      + " (day, currency, product_id, store_id, brand_id, category, country, channel, units, revenue, orders)"
      + " SELECT DATE(DATE_ADD(s.sold_at, INTERVAL " + offset + " MINUTE)),"
      + " s.currency, s.product_id, s.store_id, s.brand_id, COALESCE(s.category, ''), COALESCE(s.country, ''),"
      + " COALESCE(s.channel, ''), SUM(s.quantity), SUM(s.amount), COUNT(*)"
      + " FROM sale s WHERE s.id > ? AND s.id <= ? GROUP BY 1, 2, 3, 4, 5, 6, 7, 8";
  }

  /** Per rollup: adds the batch's sums to its rows, creating them as needed. */
  static final Map<Rollup, String> ADD = new EnumMap<>(Rollup.class);

  static {
    for (Rollup rollup : Rollup.values()) {
      String keys = String.join(", ", rollup.keyColumns());
      String columns = keys.isEmpty() ? "day, currency" : "day, currency, " + keys;
      ADD.put(rollup, "INSERT INTO " + rollup.table + " (" + columns + ", units, revenue, orders)"
        + " SELECT " + columns + ", SUM(units), SUM(revenue), SUM(orders) FROM fold_batch GROUP BY " + columns
        + " ON DUPLICATE KEY UPDATE units = " + rollup.table + ".units + VALUES(units), revenue = " + rollup.table
        + ".revenue + VALUES(revenue), orders = " + rollup.table + ".orders + VALUES(orders)");
    }
  }

  static final String SPAN = "SELECT MIN(sold_at) AS oldest, MAX(sold_at) AS newest FROM sale WHERE id > ? AND id <= ?";

  /** (watermark, newest soldAt folded, the same): as_of only moves forward. */
  static final String ADVANCE = "UPDATE rollup_state SET watermark = ?,"
    + " as_of = CASE WHEN as_of IS NULL OR as_of < ? THEN ? ELSE as_of END WHERE id = 1";

  static final String CLEAR_OFFSETS = "DELETE FROM zone_offset";
  static final String ADD_OFFSET = "INSERT INTO zone_offset (valid_from, valid_to, offset_minutes) VALUES (?, ?, ?)";
  static final String RESTART = "UPDATE rollup_state SET time_zone = ?, watermark = 0, as_of = NULL WHERE id = 1";

  static final String FACETS_DONE = "UPDATE rollup_state SET facets_pending = FALSE WHERE id = 1";

  private RollupSql() {
  }

  /** Emptying a rollup for a rebuild, inside the transaction that resets the watermark. */
  static String clear(String table) {
    return "DELETE FROM " + table;
  }
}
