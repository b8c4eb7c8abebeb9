package io.brandstats.stats.live;

/**
 * The prepared statements of a live snapshot. Each reads {@code sale} through its sold_at index over at most a
 * day (plus the hour before now), never the rollups, so a snapshot is right however far rollups lag behind.
 * Every statement takes the same filter parameters last: each filter twice, null meaning all.
 */
final class LiveSql {

  /** The filters, in the order {@link LiveQuery#filterParams} gives them. */
  private static final String FILTERS = " AND (? IS NULL OR brand_id = ?) AND (? IS NULL OR product_id = ?)"
    + " AND (? IS NULL OR store_id = ?) AND (? IS NULL OR category = ?) AND (? IS NULL OR country = ?)"
    + " AND (? IS NULL OR channel = ?)";

  /** The newest sale id this snapshot can see: everything counted is at or below it. */
  static final String LAST_ID = "SELECT COALESCE(MAX(id), 0) AS last_id FROM sale";

  /**
   * The day's totals (units and orders of every currency, revenue of one), the newest soldAt, and the same
   * measures over the sales received after an instant (what a resuming client missed).
   * Parameters: currency, receivedAfter x3, currency, dayStart, dayEnd, lastId, filters.
   */
  static final String DAY = "SELECT COUNT(*) AS orders, COALESCE(SUM(quantity), 0) AS units,"
    + " COALESCE(SUM(CASE WHEN currency = ? THEN amount END), 0) AS revenue, MAX(sold_at) AS as_of,"
    + " COALESCE(SUM(CASE WHEN received_at > ? THEN 1 ELSE 0 END), 0) AS orders_since,"
    + " COALESCE(SUM(CASE WHEN received_at > ? THEN quantity ELSE 0 END), 0) AS units_since,"
    + " COALESCE(SUM(CASE WHEN received_at > ? AND currency = ? THEN amount ELSE 0 END), 0) AS revenue_since"
    + " FROM sale WHERE sold_at >= ? AND sold_at < ? AND id <= ?" + FILTERS;

  /**
   * Per minute from a ring's first minute: units, orders, revenue in one currency, the newest soldAt.
   * Parameters: ringStart, currency, ringStart, ringEnd, lastId, filters.
   */
  static final String MINUTES = "SELECT TIMESTAMPDIFF(MINUTE, ?, sold_at) AS minute, COUNT(*) AS orders,"
    + " COALESCE(SUM(quantity), 0) AS units, COALESCE(SUM(CASE WHEN currency = ? THEN amount END), 0) AS revenue,"
    + " MAX(sold_at) AS as_of"
    + " FROM sale WHERE sold_at >= ? AND sold_at < ? AND id <= ?" + FILTERS + " GROUP BY minute";

  /**
   * The ids counted among the newest ones (by primary key, bounded): a sale with a lower id that commits after
   * the snapshot is then recognised as not counted yet.
   * Parameters: lowestId (exclusive), lastId, dayStart, dayEnd, ringStart, ringEnd, filters.
   */
  static final String RECENT_IDS = "SELECT id FROM sale WHERE id > ? AND id <= ?"
    + " AND ((sold_at >= ? AND sold_at < ?) OR (sold_at >= ? AND sold_at < ?))" + FILTERS;

  private LiveSql() {
  }
}
