package io.brandstats.stats;

import java.util.Map;

/**
 * The statistics read only the rollups, never the sales: each statement costs O(days × keys in the
 * window). Statements are fixed at class load, one per dimension and ranking.
 */
final class StatsSql {

  /** A rollup table and the column that keys it. */
  enum Dimension {
    BRANDS("brand_daily", "brand_id", "brand"),
    PRODUCTS("product_daily", "product_id", "product"),
    STORES("store_daily", "store_id", "store");

    final String table;
    final String key;
    /** The upstream that owns this dimension's entities and names. */
    final String upstream;

    Dimension(String table, String key, String upstream) {
      this.table = table;
      this.key = key;
      this.upstream = upstream;
    }
  }

  /** Days of one key in a window: (key, currency, from, to inclusive). */
  static final Map<Dimension, String> SERIES = Map.of(
    Dimension.BRANDS, series(Dimension.BRANDS),
    Dimension.PRODUCTS, series(Dimension.PRODUCTS),
    Dimension.STORES, series(Dimension.STORES));

  /** The top keys in a window: (currency, from, to, limit). */
  static final Map<Dimension, String> TOP_BY_REVENUE = Map.of(
    Dimension.BRANDS, top(Dimension.BRANDS, "revenue"),
    Dimension.PRODUCTS, top(Dimension.PRODUCTS, "revenue"),
    Dimension.STORES, top(Dimension.STORES, "revenue"));

  static final Map<Dimension, String> TOP_BY_UNITS = Map.of(
    Dimension.BRANDS, top(Dimension.BRANDS, "units"),
    Dimension.PRODUCTS, top(Dimension.PRODUCTS, "units"),
    Dimension.STORES, top(Dimension.STORES, "units"));

  /** All brands together, day by day: (currency, from, to). Totals are the sum of these days. */
  static final String DAILY_TOTALS = "SELECT day, SUM(units) AS units, SUM(revenue) AS revenue, SUM(orders) AS orders"
    + " FROM brand_daily WHERE currency = ? AND day BETWEEN ? AND ? GROUP BY day ORDER BY day";

  private StatsSql() {
  }

  private static String series(Dimension dimension) {
    return "SELECT day, units, revenue, orders FROM " + dimension.table
      + " WHERE " + dimension.key + " = ? AND currency = ? AND day BETWEEN ? AND ? ORDER BY day";
  }

  private static String top(Dimension dimension, String measure) {
    return "SELECT " + dimension.key + " AS id, SUM(units) AS units, SUM(revenue) AS revenue, SUM(orders) AS orders"
      + " FROM " + dimension.table + " WHERE currency = ? AND day BETWEEN ? AND ?"
      + " GROUP BY " + dimension.key + " ORDER BY " + measure + " DESC, id LIMIT ?";
  }
}
