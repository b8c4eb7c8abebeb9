package io.brandstats.stats.ingestion;

import io.brandstats.common.Problem;
import io.brandstats.common.Timestamps;
import io.brandstats.common.upstream.UpstreamClient;
import io.brandstats.stats.sales.ResolvedSale;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Takes one sale or a batch: checks each sale ({@link SaleChecks}), resolves its product and store through
 * their services ({@link SaleResolution}), and stores the accepted sales in one transaction
 * ({@link SaleStorage}); the rollup worker folds them into the rollups afterwards.
 *
 * <p>Each sale is answered on its own ({@link Outcomes}): accepted, duplicate (its eventId is stored with the
 * same facts: not counted again, the stored sale's id returned), or rejected with its problem (unknown or
 * archived product or store: 422; eventId reused for a different sale: 409; soldAt in the future: 422). If a
 * product or store cannot be resolved because its service is down and nothing is cached, the whole request
 * is refused with 503 and Retry-After and nothing is stored, so a retry of the same request loses nothing and
 * counts nothing twice.
 */
public final class SalesIngestion {

  private final int maxBatch;
  private final SaleChecks checks;
  private final SaleResolution resolution;
  private final SaleStorage storage;
  private final IngestionMeters meters;
  private BiConsumer<List<ResolvedSale>, JsonObject> committed = (sales, result) -> { };

  /**
   * @param maxBatch  most sales one request may carry
   * @param clockSkew how far in the future a soldAt may lie
   * @param registry  where what ingestion answered is counted
   */
  public SalesIngestion(Pool pool, UpstreamClient products, UpstreamClient stores, int maxBatch, Duration clockSkew,
                        MeterRegistry registry) {
    this.maxBatch = maxBatch;
    this.checks = new SaleChecks(clockSkew);
    this.resolution = new SaleResolution(products, stores);
    this.storage = new SaleStorage(pool);
    this.meters = new IngestionMeters(registry);
  }

  /** Told, after each committed transaction, the sales it was given and the request's outcome per sale. */
  public void onCommitted(BiConsumer<List<ResolvedSale>, JsonObject> listener) {
    this.committed = listener;
  }

  /** The request's outcome per sale; what it stored is counted in the ingestion meters once committed. */
  public Future<JsonObject> ingest(JsonObject body) {
    return outcomes(body).onSuccess(meters::count);
  }

  private Future<JsonObject> outcomes(JsonObject body) {
    boolean batch = body.containsKey("sales");
    List<JsonObject> sales = batch
      ? body.getJsonArray("sales").stream().map(JsonObject.class::cast).toList()
      : List.of(body);
    if (sales.size() > maxBatch) {
      return Future.failedFuture(Problem.badRequest("A request may carry at most " + maxBatch + " sales.")
        .withFieldError("body", "/sales", "at most " + maxBatch + " items").toException());
    }
    Outcomes outcomes = new Outcomes(sales, batch);
    LocalDateTime now = Timestamps.now();
    LocalDateTime[] soldAt = new LocalDateTime[sales.size()];
    for (int i = 0; i < soldAt.length; i++) {
      soldAt[i] = checks.soldAt(sales.get(i), i, now, outcomes);
    }
    return resolution.lookUp(sales, soldAt).compose(found -> {
      List<ResolvedSale> resolved = new ArrayList<>();
      for (int i = 0; i < soldAt.length; i++) {
        if (soldAt[i] == null) {
          continue;
        }
        JsonObject sale = sales.get(i);
        JsonObject product = found.product(i, sale, outcomes);
        JsonObject store = product == null ? null : found.store(i, sale, outcomes);
        if (store != null) {
          ResolvedSale priced = checks.priced(i, sale, soldAt[i], product, store, outcomes);
          if (priced != null) {
            resolved.add(priced);
          }
        }
      }
      if (resolved.isEmpty()) {
        return Future.succeededFuture(outcomes.toJson());
      }
      return storage.store(resolved, now, outcomes).map(Outcomes::toJson)
        .onSuccess(result -> committed.accept(resolved, result));
    });
  }
}
