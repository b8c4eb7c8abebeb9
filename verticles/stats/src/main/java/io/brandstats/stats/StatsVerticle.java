package io.brandstats.stats;

import io.brandstats.common.Meters;
import io.brandstats.common.ServiceReply;
import io.brandstats.common.ServiceRequest;
import io.brandstats.common.ServiceVerticle;
import io.brandstats.common.Timestamps;
import io.brandstats.common.auth.ServiceTokens;
import io.brandstats.stats.ingestion.SalesIngestion;
import io.brandstats.stats.live.AcceptedSales;
import io.brandstats.stats.live.LiveSnapshots;
import io.brandstats.stats.queries.AnswerCache;
import io.brandstats.stats.queries.Interval;
import io.brandstats.stats.queries.Question;
import io.brandstats.stats.queries.StatsQueries;
import io.brandstats.stats.rollups.Dimension;
import io.brandstats.stats.rollups.FacetBackfill;
import io.brandstats.stats.rollups.ReportingZone;
import io.brandstats.stats.rollups.RollupSetup;
import io.brandstats.stats.rollups.RollupWorker;
import io.brandstats.stats.sales.SalesListing;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The stats service: owns the {@code stats} database (sales and their rollups), ingests sales, folds them into
 * the rollups in the background, and answers statistics to the dashboard. Products, stores and brands belong to
 * other services and are read through the resilient upstream clients; every answer says how fresh those facts were.
 *
 * <p>Failure behaviour: ingestion answers 503 with Retry-After (nothing stored) when a product or store
 * cannot be resolved because its service is down and it is not cached; statistics never fail for an
 * upstream outage: names come from cache (meta: stale) or are left out (meta: unavailable).
 */
public final class StatsVerticle extends ServiceVerticle {

  private Owners owners;
  private SalesIngestion ingestion;
  private SalesListing listing;
  private StatsQueries queries;
  private AnswerCache answers;
  private ReportingZone zone;
  private RollupWorker worker;

  public StatsVerticle() {
    super("stats");
  }

  @Override
  protected Map<String, Function<ServiceRequest, Future<ServiceReply>>> operations() {
    return Map.of(
      "ingestSales", this::ingestSales,
      "listSales", this::listSales,
      "getBrandStats", request -> cached(request, r -> series(r, Dimension.BRANDS)),
      "getProductStats", request -> cached(request, r -> series(r, Dimension.PRODUCTS)),
      "getStoreStats", request -> cached(request, r -> series(r, Dimension.STORES)),
      "getTopStats", request -> cached(request, this::top),
      "getStatsSummary", request -> cached(request, this::summary));
  }

  /** Reads its own section of brandstats.yaml (stats.*): every key is there, with its default. */
  @Override
  protected Future<?> prepare() {
    JsonObject settings = config().getJsonObject("service");
    JsonObject rollups = settings.getJsonObject("rollups");
    MeterRegistry registry = Meters.of(config());
    zone = ReportingZone.of(settings.getString("timeZone"));
    owners = new Owners(vertx, config().getJsonObject("upstreams"), registry,
      ServiceTokens.of(vertx, config().getJsonObject("auth"), "stats"));
    ingestion = new SalesIngestion(pool, owners.products(), owners.stores(), settings.getInteger("maxBatch"),
      Duration.ofSeconds(settings.getLong("clockSkew")), registry);
    listing = new SalesListing(reads);
    queries = new StatsQueries(reads, owners.byDimension(), settings.getString("currency"), owners.shortestCacheTtlMs());
    // An answer is never reused longer than the names in it may be answered from the upstream caches, so
    // its meta (live, cached, stale, unavailable) is never older than what a fresh answer would say.
    answers = new AnswerCache(Math.min(settings.getLong("answerCacheTtl"), owners.shortestCacheTtlMs()));
    // Sales folded into the rollups by any stats instance (or node) clear this one's answers, and so does a
    // renamed or archived brand, product or store: answers carry their names.
    vertx.eventBus().<JsonObject>consumer(RollupWorker.FOLDED, message -> {
      answers.clear();
      queries.folded(soldAt(message.body(), "oldest"), soldAt(message.body(), "newest"));
    });
    for (String address : List.of("brand.changed", "product.changed", "store.changed")) {
      vertx.eventBus().consumer(address, message -> answers.clear());
    }
    // Sales accepted anywhere send sales pages to the primary for a while (read-your-writes).
    vertx.eventBus().consumer(AcceptedSales.ADDRESS, message -> reads.wroteSome());
    // Live statistics: every gateway hears of each committed batch, and asks here for its starting totals.
    ingestion.onCommitted(new AcceptedSales(vertx.eventBus())::publish);
    worker = new RollupWorker(vertx, pool, zone, rollups.getLong("foldInterval"), rollups.getInteger("foldBatch"));
    return owners.ready().compose(ready -> RollupSetup.prepare(pool, zone)).onSuccess(rebuilding -> {
      worker.start(rebuilding);
      new FacetBackfill(vertx, pool, owners.products(), owners.stores()).start();
    }).compose(rebuilding -> new LiveSnapshots(pool, settings.getString("currency"), zone.id()).register(vertx));
  }

  private static LocalDateTime soldAt(JsonObject folded, String field) {
    String value = folded == null ? null : folded.getString(field);
    return value == null ? null : Timestamps.utcMillis(value);
  }

  @Override
  public Future<?> stop() {
    Future<Void> folding = worker == null ? Future.succeededFuture() : worker.stop();
    return folding.compose(stopped -> owners == null ? Future.succeededFuture() : owners.close())
      .compose(closed -> super.stop());
  }

  @Override
  protected Future<JsonObject> health() {
    return super.health().map(health -> health.put("upstreams", owners.stats()));
  }

  /** Accepted sales are counted once the rollup worker has folded them (within stats.rollups.foldInterval). */
  private Future<ServiceReply> ingestSales(ServiceRequest request) {
    return ingestion.ingest(request.body()).map(ServiceReply::ok);
  }

  private Future<ServiceReply> listSales(ServiceRequest request) {
    return listing.page(request.query()).map(ServiceReply::ok);
  }

  private Future<ServiceReply> cached(ServiceRequest request, Function<ServiceRequest, Future<JsonObject>> statistic) {
    return answers.get(request, r -> statistic.apply(r).map(JsonObject::encode)).map(ServiceReply::okEncoded);
  }

  private Question question(ServiceRequest request) {
    return Question.of(request.query(), zone, queries.defaultCurrency());
  }

  private Future<JsonObject> series(ServiceRequest request, Dimension dimension) {
    Interval interval = Interval.of(request.query().getString("interval", "day"));
    return queries.series(dimension, request.pathLong("id"), question(request), interval);
  }

  private Future<JsonObject> top(ServiceRequest request) {
    JsonObject query = request.query();
    Dimension dimension = Dimension.of(query.getString("dimension", "brands"));
    return queries.top(dimension, query.getString("by", "revenue"), query.getInteger("limit", 10), question(request));
  }

  private Future<JsonObject> summary(ServiceRequest request) {
    return queries.summary(question(request));
  }
}
