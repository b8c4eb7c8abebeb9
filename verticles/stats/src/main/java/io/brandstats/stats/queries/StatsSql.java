package io.brandstats.stats.queries;

import io.brandstats.stats.rollups.Dimension;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The statistics read only the rollups, never the sales: each statement costs O(days × keys in the
 * window). Statements are fixed at class load, one per dimension and ranking.
 */
final class StatsSql {

  /** Days of one key in a window: (key, currency, from, to inclusive). */
  static final Map<Dimension, String> SERIES = perDimension(StatsSql::series);

  /** The top keys in a window: (currency, from, to, limit). */
  static final Map<Dimension, String> TOP_BY_REVENUE = perDimension(dimension -> top(dimension, "revenue"));

  static final Map<Dimension, String> TOP_BY_UNITS = perDimension(dimension -> top(dimension, "units"));

  /** All brands together, day by day: (currency, from, to). Totals are the sum of these days. */
  static final String DAILY_TOTALS = "SELECT day, SUM(units) AS units, SUM(revenue) AS revenue, SUM(orders) AS orders"
    + " FROM brand_daily WHERE currency = ? AND day BETWEEN ? AND ? GROUP BY day ORDER BY day";

  private StatsSql() {
  }

  private static Map<Dimension, String> perDimension(Function<Dimension, String> statement) {
    Map<Dimension, String> statements = new EnumMap<>(Dimension.class);
    for (Dimension dimension : Dimension.values()) {
      statements.put(dimension, statement.apply(dimension));
    }
    return statements;
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
