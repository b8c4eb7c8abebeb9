package io.brandstats.stats.ingestion;

import io.brandstats.common.Problem;
import io.brandstats.common.SqlErrors;
import io.brandstats.stats.sales.MultiRow;
import io.brandstats.stats.sales.ResolvedSale;
import io.brandstats.stats.sales.SaleSql;
import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores a request's resolved sales in one transaction, idempotently (the rollup worker folds them into the
 * rollups afterwards, off the request path): an eventId stored
 * before with the same facts is a duplicate (the stored sale's id, counted once), with other facts a 409.
 * A deadlock, or an eventId stored by a concurrent request since this one looked, runs the transaction again.
 */
final class SaleStorage {

  /** Transactions run for one request at most: the first and two more after a deadlock or a concurrent retry. */
  private static final int ATTEMPTS = 3;

  private final Pool pool;

  SaleStorage(Pool pool) {
    this.pool = pool;
  }

  /**
   * The outcomes once the sales are stored. A rolled-back attempt leaves no trace: each attempt records on its
   * own copy of the outcomes so far.
   */
  Future<Outcomes> store(List<ResolvedSale> sales, LocalDateTime receivedAt, Outcomes before) {
    return attempt(sales, receivedAt, before, ATTEMPTS);
  }

  private Future<Outcomes> attempt(List<ResolvedSale> sales, LocalDateTime receivedAt, Outcomes before, int left) {
    Outcomes outcomes = before.copy();
    return transaction(sales, receivedAt, outcomes).map(stored -> outcomes).recover(failure ->
      left > 1 && (SqlErrors.isDeadlock(failure) || SqlErrors.isDuplicateKey(failure))
        ? attempt(sales, receivedAt, before, left - 1)
        : Future.failedFuture(failure));
  }

  /**
   * One transaction: the ingest gate in share mode (so a folder never folds past a sale id still uncommitted),
   * which of the batch's eventIds are stored already, the new sales, and the check of the ones seen before.
   * Each step is a few multi-row statements, not one per sale; the gate is sent with the first of them.
   */
  private Future<Void> transaction(List<ResolvedSale> sales, LocalDateTime receivedAt, Outcomes outcomes) {
    return pool.withTransaction(conn -> {
      Future<?> gate = conn.query(SaleSql.HOLD_GATE).execute();
      return Future.all(gate, storedAmong(conn, sales)).compose(both -> stored(conn, both.resultAt(1), sales,
        receivedAt, outcomes));
    });
  }

  private Future<Void> stored(SqlConnection conn, Map<String, Row> stored, List<ResolvedSale> sales,
                              LocalDateTime receivedAt, Outcomes outcomes) {
    List<ResolvedSale> fresh = new ArrayList<>();
    Map<String, ResolvedSale> firstOfEvent = new HashMap<>();
    List<ResolvedSale> repeats = new ArrayList<>();
    for (ResolvedSale sale : sales) {
      Row before = stored.get(sale.eventId());
      if (before != null) {
        seenBefore(sale, before.getLong("id"), sameSale(sale, before), outcomes);
      } else if (firstOfEvent.putIfAbsent(sale.eventId(), sale) != null) {
        repeats.add(sale);
      } else {
        fresh.add(sale);
      }
    }
    return insert(conn, fresh, receivedAt).compose(ids -> {
      Map<String, Long> idOfEvent = new HashMap<>();
      for (int j = 0; j < fresh.size(); j++) {
        outcomes.accepted(fresh.get(j).index(), ids[j]);
        idOfEvent.put(fresh.get(j).eventId(), ids[j]);
      }
      // The same eventId twice in one request: the first is stored, the others compare with it.
      for (ResolvedSale repeat : repeats) {
        ResolvedSale first = firstOfEvent.get(repeat.eventId());
        seenBefore(repeat, idOfEvent.get(repeat.eventId()), sameSale(repeat, first), outcomes);
      }
      return Future.<Void>succeededFuture();
    });
  }

  /** The stored sales among the batch's eventIds, by eventId. */
  private static Future<Map<String, Row>> storedAmong(SqlConnection conn, List<ResolvedSale> sales) {
    List<Tuple> events = sales.stream().map(ResolvedSale::eventId).distinct().map(Tuple::of).toList();
    return MultiRow.execute(conn, SaleSql.BY_EVENTS, events).map(results -> {
      Map<String, Row> stored = new HashMap<>();
      results.forEach(rows -> rows.forEach(row -> stored.put(row.getString("event_id"), row)));
      return stored;
    });
  }

  /** Inserts the sales and answers their ids, in order: the rows of one statement get consecutive ids. */
  private static Future<long[]> insert(SqlConnection conn, List<ResolvedSale> sales, LocalDateTime receivedAt) {
    List<Tuple> rows = sales.stream().map(sale -> Tuple.of(sale.eventId(), sale.productId(), sale.storeId(),
        sale.brandId(), sale.quantity(), sale.unitPrice())
      .addValue(sale.amount()).addValue(sale.currency()).addValue(sale.soldAt()).addValue(receivedAt)
        .addValue(sale.facets().category()).addValue(sale.facets().country()).addValue(sale.facets().channel())).toList();
    return MultiRow.execute(conn, SaleSql.INSERT, rows).map(results -> {
      long[] ids = new long[sales.size()];
      int j = 0;
      for (RowSet<Row> result : results) {
        long first = result.property(MySQLClient.LAST_INSERTED_ID);
        for (int k = 0; k < result.rowCount(); k++) {
          ids[j++] = first + k;
        }
      }
      if (j != ids.length) {
        throw new IllegalStateException("inserted " + j + " of " + ids.length + " sales");
      }
      return ids;
    });
  }

  /** A stored eventId with the same facts is a retry (duplicate); with other facts, a conflict. */
  private static void seenBefore(ResolvedSale sale, long storedId, boolean same, Outcomes outcomes) {
    if (same) {
      outcomes.duplicate(sale.index(), storedId);
    } else {
      outcomes.rejected(sale.index(), Problem.conflict("eventId " + sale.eventId()
        + " was already used for a different sale."), "eventId", "must be unique per sale");
    }
  }

  private static boolean sameSale(ResolvedSale sale, ResolvedSale first) {
    return first.productId() == sale.productId()
      && first.storeId() == sale.storeId()
      && first.quantity() == sale.quantity()
      && first.soldAt().equals(sale.soldAt())
      && (!sale.priceGiven() || first.unitPrice().compareTo(sale.unitPrice()) == 0);
  }

  private static boolean sameSale(ResolvedSale sale, Row stored) {
    return stored.getLong("product_id") == sale.productId()
      && stored.getLong("store_id") == sale.storeId()
      && stored.getInteger("quantity") == sale.quantity()
      && stored.getLocalDateTime("sold_at").equals(sale.soldAt())
      && (!sale.priceGiven() || stored.getBigDecimal("unit_price").compareTo(sale.unitPrice()) == 0);
  }
}
