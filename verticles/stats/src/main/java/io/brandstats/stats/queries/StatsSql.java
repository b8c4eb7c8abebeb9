package io.brandstats.stats.queries;

import io.brandstats.stats.rollups.Dimension;
import io.brandstats.stats.rollups.Rollup;
import java.util.EnumSet;
import java.util.Set;

/**
 * The statistics' statements. They read the coarsest rollup that keeps every dimension filtered or ranked by,
 * so each costs O(days in the window × that rollup's rows per day), never O(sales); only a like-for-like cut reads
 * raw sales, of one day. Statement text is built from constant table and column names; every value is bound.
 */
final class StatsSql {

  /** Units and orders of every currency, revenue of one (the first parameter). */
  private static final String MEASURES = "SUM(units) AS units, SUM(orders) AS orders,"
    + " SUM(CASE WHEN currency = ? THEN revenue ELSE 0 END) AS revenue";

  private StatsSql() {
  }

  /** Day by day and currency: (from, to, filters...). */
  static String days(Filters filters) {
    Rollup rollup = Rollup.covering(filters.dimensions());
    return "SELECT day, currency, SUM(units) AS units, SUM(orders) AS orders, SUM(revenue) AS revenue FROM "
      + rollup.table + " WHERE day BETWEEN ? AND ?" + filters.where() + " GROUP BY day, currency";
  }

  /** Revenue per currency: (from, to, filters...). */
  static String currencies(Filters filters) {
    Rollup rollup = Rollup.covering(filters.dimensions());
    return "SELECT currency, SUM(revenue) AS revenue FROM " + rollup.table + " WHERE day BETWEEN ? AND ?"
      + filters.where() + " GROUP BY currency ORDER BY currency";
  }

  /** The top keys of a dimension by a measure: (currency, from, to, filters..., limit). Ties by key. */
  static String top(Dimension dimension, String measure, Filters filters) {
    Set<Dimension> needed = EnumSet.of(dimension);
    needed.addAll(filters.dimensions());
    Rollup rollup = Rollup.covering(needed);
    // '' is an unknown facet (a sale whose product or store its owner no longer knew): never ranked.
    String known = dimension.isEntity() ? "" : " AND " + dimension.key + " <> ''";
    return "SELECT " + dimension.key + " AS k, " + MEASURES + " FROM " + rollup.table
      + " WHERE day BETWEEN ? AND ?" + known + filters.where()
      + " GROUP BY " + dimension.key + " ORDER BY " + measure + " DESC, k LIMIT ?";
  }

  /** Raw sales of one cut day: (currency, from instant, cut instant, watermark, filters...), by sold_at. */
  static String cut(Filters filters) {
    return "SELECT SUM(quantity) AS units, COUNT(*) AS orders, SUM(CASE WHEN currency = ? THEN amount ELSE 0 END)"
      + " AS revenue FROM sale WHERE sold_at >= ? AND sold_at < ? AND id <= ?" + filters.where();
  }

  /**
   * What a cut counted before grew by: (currency, its old end, its new end, the new watermark, filters..., the old
   * watermark, the new watermark, its start, its old end, filters...). The sales sold in the stretch it grew by,
   * and those sold within its old span that were folded since (ids above the old watermark): each a short range
   * of one index, so a cut followed second by second never reads its whole day again.
   */
  static String cutGrowth(Filters filters) {
    return "SELECT SUM(quantity) AS units, COUNT(*) AS orders, SUM(CASE WHEN currency = ? THEN amount ELSE 0 END)"
      + " AS revenue FROM (SELECT quantity, amount, currency FROM sale WHERE sold_at >= ? AND sold_at < ? AND id <= ?"
      + filters.where() + " UNION ALL SELECT quantity, amount, currency FROM sale WHERE id > ? AND id <= ?"
      + " AND sold_at >= ? AND sold_at < ?" + filters.where() + ") grown";
  }
}
