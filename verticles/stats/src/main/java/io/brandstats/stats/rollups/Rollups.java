package io.brandstats.stats.rollups;

import io.brandstats.stats.sales.MultiRow;
import io.brandstats.stats.sales.ResolvedSale;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds accepted sales to the daily rollups of every {@link Dimension}, first summed within the batch so
 * each rollup row is written once, and in key order so concurrent batches lock rows in the same order.
 */
public final class Rollups {

  private record Key(String currency, LocalDate day, long id) {
  }

  private static final Comparator<Key> ORDER = Comparator.comparing(Key::currency).thenComparing(Key::day)
    .thenComparingLong(Key::id);

  /** Every dimension, in the order their rows are locked. */
  private static final List<Dimension> DIMENSIONS = List.of(Dimension.values());

  /**
   * Per dimension: adds a batch's sales of each day and key to that day's rollup row, creating it if needed;
   * {@link MultiRow} shapes of 1..256 rows (rows are applied in the order given).
   */
  private static final Map<Dimension, String[]> ADD = new EnumMap<>(Dimension.class);

  static {
    for (Dimension dimension : DIMENSIONS) {
      ADD.put(dimension, MultiRow.shapes(rows -> "INSERT INTO " + dimension.table + " (day, " + dimension.key
        + ", currency, units, revenue, orders) VALUES " + MultiRow.placeholders(rows, 6)
        + " ON DUPLICATE KEY UPDATE units = units + VALUES(units), revenue = revenue + VALUES(revenue),"
        + " orders = orders + VALUES(orders)"));
    }
  }

  private static final class Sum {
    private long units;
    private BigDecimal revenue = BigDecimal.ZERO;
    private long orders;
  }

  private Rollups() {
  }

  public static Future<Void> add(SqlConnection conn, List<ResolvedSale> sales) {
    if (sales.isEmpty()) {
      return Future.succeededFuture();
    }
    // Sent together, run by the server in this order: the dimensions in their order, each in key order.
    List<Future<Void>> upserts = new ArrayList<>(DIMENSIONS.size());
    for (Dimension dimension : DIMENSIONS) {
      upserts.add(upsert(conn, dimension, sales));
    }
    return Future.all(upserts).mapEmpty();
  }

  private static Future<Void> upsert(SqlConnection conn, Dimension dimension, List<ResolvedSale> sales) {
    Map<Key, Sum> sums = new TreeMap<>(ORDER);
    for (ResolvedSale sale : sales) {
      Sum sum = sums.computeIfAbsent(new Key(sale.currency(), sale.soldAt().toLocalDate(), key(dimension, sale)),
        k -> new Sum());
      sum.units += sale.quantity();
      sum.revenue = sum.revenue.add(sale.amount());
      sum.orders++;
    }
    List<Tuple> rows = sums.entrySet().stream().map(entry -> Tuple.of(entry.getKey().day(), entry.getKey().id(),
      entry.getKey().currency(), entry.getValue().units, entry.getValue().revenue, entry.getValue().orders)).toList();
    return MultiRow.execute(conn, ADD.get(dimension), rows).mapEmpty();
  }

  /** The sale's entity in a dimension: a new dimension fails to compile here until its key is named. */
  private static long key(Dimension dimension, ResolvedSale sale) {
    return switch (dimension) {
      case BRANDS -> sale.brandId();
      case PRODUCTS -> sale.productId();
      case STORES -> sale.storeId();
    };
  }
}
