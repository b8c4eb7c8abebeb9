package io.brandstats.stats;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * Adds accepted sales to the daily rollups (per brand, product and store), first summed within the
 * batch so each rollup row is written once, and in key order so concurrent batches lock rows in the
 * same order.
 */
final class Rollups {

  private record Key(String currency, LocalDate day, long id) {
  }

  private static final Comparator<Key> ORDER = Comparator.comparing(Key::currency).thenComparing(Key::day)
    .thenComparingLong(Key::id);

  private static final class Sum {
    private long units;
    private BigDecimal revenue = BigDecimal.ZERO;
    private long orders;
  }

  private Rollups() {
  }

  static Future<Void> add(SqlConnection conn, List<ResolvedSale> sales) {
    if (sales.isEmpty()) {
      return Future.succeededFuture();
    }
    // Sent together, run by the server in this order: brand, product, store rows, each in key order.
    return Future.all(
      upsert(conn, SaleSql.ADD_BRAND_DAY, sales, ResolvedSale::brandId),
      upsert(conn, SaleSql.ADD_PRODUCT_DAY, sales, ResolvedSale::productId),
      upsert(conn, SaleSql.ADD_STORE_DAY, sales, ResolvedSale::storeId)).mapEmpty();
  }

  private static Future<Void> upsert(SqlConnection conn, String[] sql, List<ResolvedSale> sales,
                                     ToLongFunction<ResolvedSale> key) {
    Map<Key, Sum> sums = new TreeMap<>(ORDER);
    for (ResolvedSale sale : sales) {
      Sum sum = sums.computeIfAbsent(new Key(sale.currency(), sale.soldAt().toLocalDate(), key.applyAsLong(sale)),
        k -> new Sum());
      sum.units += sale.quantity();
      sum.revenue = sum.revenue.add(sale.amount());
      sum.orders++;
    }
    List<Tuple> rows = sums.entrySet().stream().map(entry -> Tuple.of(entry.getKey().day(), entry.getKey().id(),
      entry.getKey().currency(), entry.getValue().units, entry.getValue().revenue, entry.getValue().orders)).toList();
    return MultiRow.execute(conn, sql, rows).mapEmpty();
  }
}
