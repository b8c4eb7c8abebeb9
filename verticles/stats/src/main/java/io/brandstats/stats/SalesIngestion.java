package io.brandstats.stats;

import io.brandstats.common.Problem;
import io.brandstats.common.SqlErrors;
import io.brandstats.common.Timestamps;
import io.brandstats.common.upstream.Lookup;
import io.brandstats.common.upstream.UpstreamClient;
import io.brandstats.common.upstream.UpstreamException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes one sale or a batch, resolves each sale's product (brand, price, currency) and store through
 * their services, and stores the accepted sales with their rollups in one transaction.
 *
 * <p>Each sale is answered on its own: accepted, duplicate (its eventId is stored with the same facts:
 * not counted again, the stored sale's id returned), or rejected with its problem (unknown or archived
 * product or store: 422; eventId reused for a different sale: 409; soldAt in the future: 422). If a
 * product or store cannot be resolved because its service is down and nothing is cached, the whole
 * request is refused with 503 and Retry-After and nothing is stored, so a retry of the same request
 * loses nothing and counts nothing twice.
 */
final class SalesIngestion {

  /** What sale.amount holds (DECIMAL(14,2)); rollups hold far more. Larger sales are refused, never truncated. */
  static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
  /** Sales before this are refused: older dates are typing errors, and DATETIME starts at year 1000. */
  static final LocalDateTime EARLIEST = LocalDateTime.of(2000, 1, 1, 0, 0);

  /** Transactions run for one request at most: the first and two more after a deadlock or a concurrent retry. */
  private static final int ATTEMPTS = 3;

  private final Pool pool;
  private final UpstreamClient products;
  private final UpstreamClient stores;
  private final int maxBatch;
  private final Duration clockSkew;
  private final IngestionMeters meters;

  SalesIngestion(Pool pool, UpstreamClient products, UpstreamClient stores, int maxBatch, Duration clockSkew,
                 IngestionMeters meters) {
    this.meters = meters;
    this.pool = pool;
    this.products = products;
    this.stores = stores;
    this.maxBatch = maxBatch;
    this.clockSkew = clockSkew;
  }

  /** The request's outcome per sale; what it stored is counted in the ingestion meters once committed. */
  Future<JsonObject> ingest(JsonObject body) {
    return outcomes(body).onSuccess(meters::count);
  }

  private Future<JsonObject> outcomes(JsonObject body) {
    boolean batch = body.containsKey("sales");
    List<JsonObject> sales = batch
      ? body.getJsonArray("sales").stream().map(JsonObject.class::cast).toList()
      : List.of(body);
    if (sales.size() > maxBatch) {
      throw Problem.badRequest("A request may carry at most " + maxBatch + " sales.")
        .withFieldError("body", "/sales", "at most " + maxBatch + " items").toException();
    }
    Outcomes outcomes = new Outcomes(sales, batch);
    LocalDateTime now = Timestamps.now();
    Map<Integer, LocalDateTime> soldAt = new HashMap<>();
    for (int i = 0; i < sales.size(); i++) {
      LocalDateTime at = soldAt(sales.get(i), i, now, outcomes);
      if (at != null) {
        soldAt.put(i, at);
      }
    }
    Map<Long, Future<Lookup>> productLookups = lookups(products, soldAt.keySet(), sales, "productId");
    Map<Long, Future<Lookup>> storeLookups = lookups(stores, soldAt.keySet(), sales, "storeId");
    List<Future<Lookup>> all = new ArrayList<>(productLookups.values());
    all.addAll(storeLookups.values());
    return Future.join(all).transform(done -> {
      refuseIfUnavailable(all);
      List<ResolvedSale> resolved = new ArrayList<>();
      soldAt.forEach((i, at) -> {
        ResolvedSale sale = resolve(i, sales.get(i), at, productLookups, storeLookups, outcomes);
        if (sale != null) {
          resolved.add(sale);
        }
      });
      if (resolved.isEmpty()) {
        return Future.succeededFuture(outcomes.toJson());
      }
      return attempt(resolved, now, outcomes, ATTEMPTS).map(Outcomes::toJson);
    });
  }

  private LocalDateTime soldAt(JsonObject sale, int i, LocalDateTime now, Outcomes outcomes) {
    try {
      LocalDateTime at = Timestamps.utcMillis(sale.getString("soldAt"));
      if (at.isAfter(now.plus(clockSkew))) {
        outcomes.rejected(i, Problem.of(422, "soldAt is in the future."), "soldAt", "must not be in the future");
        return null;
      }
      if (at.isBefore(EARLIEST)) {
        outcomes.rejected(i, Problem.of(422, "soldAt is before " + EARLIEST.toLocalDate() + "."), "soldAt",
          "must not be before " + EARLIEST.toLocalDate());
        return null;
      }
      return at;
    } catch (DateTimeParseException | NullPointerException e) {
      outcomes.rejected(i, Problem.badRequest("soldAt is not a date-time."), "soldAt", "must be an RFC 3339 date-time");
      return null;
    }
  }

  private static Map<Long, Future<Lookup>> lookups(UpstreamClient client, Set<Integer> items, List<JsonObject> sales,
                                                   String field) {
    Set<Long> ids = new LinkedHashSet<>();
    items.forEach(i -> ids.add(sales.get(i).getLong(field)));
    Map<Long, Future<Lookup>> lookups = new HashMap<>();
    ids.forEach(id -> lookups.put(id, client.get(id)));
    return lookups;
  }

  /** An owner that cannot be asked, with nothing cached: store nothing, tell the client when to retry. */
  private static void refuseIfUnavailable(List<Future<Lookup>> lookups) {
    for (Future<Lookup> lookup : lookups) {
      if (lookup.failed() && lookup.cause() instanceof UpstreamException e
        && e.kind() == UpstreamException.Kind.UNAVAILABLE) {
        throw Problem.unavailable("The " + e.upstream() + " service cannot be asked right now and what this request "
          + "needs from it is not cached; nothing was stored. Retry the same request shortly.", e.retryAfterSeconds())
          .toException();
      }
      if (lookup.failed() && !(lookup.cause() instanceof UpstreamException)) {
        throw new IllegalStateException("lookup failed", lookup.cause());
      }
    }
  }

  private static ResolvedSale resolve(int i, JsonObject sale, LocalDateTime soldAt, Map<Long, Future<Lookup>> products,
                                  Map<Long, Future<Lookup>> stores, Outcomes outcomes) {
    JsonObject product = usable(products.get(sale.getLong("productId")));
    if (product == null) {
      outcomes.rejected(i, Problem.of(422, "Product " + sale.getLong("productId") + " does not exist or is archived."),
        "productId", "must name an existing, active product");
      return null;
    }
    if (usable(stores.get(sale.getLong("storeId"))) == null) {
      outcomes.rejected(i, Problem.of(422, "Store " + sale.getLong("storeId") + " does not exist or is archived."),
        "storeId", "must name an existing, active store");
      return null;
    }
    Object given = sale.getValue("unitPrice");
    BigDecimal unitPrice = new BigDecimal(String.valueOf(given != null ? given : product.getValue("price")));
    if (unitPrice.stripTrailingZeros().scale() > 2) {
      outcomes.rejected(i, Problem.badRequest("unitPrice has fractions of a cent."), "unitPrice",
        "must have at most 2 decimal places");
      return null;
    }
    int quantity = sale.getInteger("quantity");
    BigDecimal amount = unitPrice.multiply(BigDecimal.valueOf(quantity));
    if (amount.compareTo(MAX_AMOUNT) > 0) {
      outcomes.rejected(i, Problem.of(422, "The sale's amount (unitPrice × quantity) is over " + MAX_AMOUNT + "."),
        "quantity", "unitPrice × quantity must not exceed " + MAX_AMOUNT);
      return null;
    }
    return new ResolvedSale(i, sale.getString("eventId"), sale.getLong("productId"), sale.getLong("storeId"),
      product.getLong("brandId"), quantity, unitPrice.setScale(2), given != null,
      amount.setScale(2), product.getString("currency"), soldAt);
  }

  private static JsonObject usable(Future<Lookup> lookup) {
    if (lookup.failed() || !"active".equals(lookup.result().entity().getString("status"))) {
      return null;
    }
    return lookup.result().entity();
  }

  /**
   * A rolled-back attempt leaves no trace: each attempt records its outcomes on its own copy. A deadlock,
   * or an eventId stored by a concurrent request since this one looked (duplicate key), runs it again.
   */
  private Future<Outcomes> attempt(List<ResolvedSale> sales, LocalDateTime receivedAt, Outcomes before, int left) {
    Outcomes outcomes = before.copy();
    return store(sales, receivedAt, outcomes).map(stored -> outcomes).recover(failure ->
      left > 1 && (SqlErrors.isDeadlock(failure) || SqlErrors.isDuplicateKey(failure))
        ? attempt(sales, receivedAt, before, left - 1)
        : Future.failedFuture(failure));
  }

  /**
   * One transaction: which of the batch's eventIds are stored already, the new sales, the check of the
   * ones seen before, and the rollups of the new ones. Each step is a few multi-row statements, not one
   * per sale.
   */
  private Future<Void> store(List<ResolvedSale> sales, LocalDateTime receivedAt, Outcomes outcomes) {
    return pool.withTransaction(conn -> storedAmong(conn, sales).compose(stored -> {
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
        return Rollups.add(conn, fresh);
      });
    }));
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
      .addValue(sale.amount()).addValue(sale.currency()).addValue(sale.soldAt()).addValue(receivedAt)).toList();
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

  /** What each sale of the request became, in request order. */
  private static final class Outcomes {

    private final JsonObject[] results;
    private final boolean batch;
    private int accepted;
    private int duplicates;
    private int rejected;

    Outcomes(List<JsonObject> sales, boolean batch) {
      this.batch = batch;
      this.results = new JsonObject[sales.size()];
      for (int i = 0; i < results.length; i++) {
        results[i] = new JsonObject().put("index", i).put("eventId", sales.get(i).getString("eventId"));
      }
    }

    private Outcomes(Outcomes other) {
      this.batch = other.batch;
      this.results = new JsonObject[other.results.length];
      for (int i = 0; i < results.length; i++) {
        results[i] = other.results[i].copy();
      }
      this.accepted = other.accepted;
      this.duplicates = other.duplicates;
      this.rejected = other.rejected;
    }

    Outcomes copy() {
      return new Outcomes(this);
    }

    void accepted(int i, long saleId) {
      accepted++;
      results[i].put("status", "accepted").put("saleId", saleId);
    }

    void duplicate(int i, long saleId) {
      duplicates++;
      results[i].put("status", "duplicate").put("saleId", saleId);
    }

    void rejected(int i, Problem problem, String field, String detail) {
      rejected++;
      String pointer = (batch ? "/sales/" + i + "/" : "/") + field;
      results[i].put("status", "rejected").put("problem", problem.withFieldError("body", pointer, detail).toJson());
    }

    JsonObject toJson() {
      return new JsonObject()
        .put("accepted", accepted)
        .put("duplicates", duplicates)
        .put("rejected", rejected)
        .put("results", new JsonArray(List.of((Object[]) results)));
    }
  }
}
