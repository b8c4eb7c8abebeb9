package io.brandstats.stats;

import io.brandstats.common.Meters;
import io.brandstats.common.ServiceReply;
import io.brandstats.common.ServiceRequest;
import io.brandstats.common.ServiceVerticle;
import io.brandstats.common.auth.ServiceTokens;
import io.brandstats.stats.ingestion.SalesIngestion;
import io.brandstats.stats.live.AcceptedSales;
import io.brandstats.stats.live.LiveSnapshots;
import io.brandstats.stats.queries.AnswerCache;
import io.brandstats.stats.queries.Interval;
import io.brandstats.stats.queries.StatsQueries;
import io.brandstats.stats.queries.Window;
import io.brandstats.stats.rollups.Dimension;
import io.brandstats.stats.sales.SalesListing;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The stats service: owns the {@code stats} database (sales and their daily rollups), ingests sales,
 * and answers statistics to the dashboard. Products, stores and brands belong to other services and are
 * read through the resilient upstream clients; every answer says how fresh those facts were.
 *
 * <p>Failure behaviour: ingestion answers 503 with Retry-After (nothing stored) when a product or store
 * cannot be resolved because its service is down and it is not cached; statistics never fail for an
 * upstream outage: names come from cache (meta: stale) or are left out (meta: unavailable).
 */
public final class StatsVerticle extends ServiceVerticle {

  /** Published when sales were accepted: every stats instance clears its cached answers. */
  private static final String INGESTED = "stats.ingested";

  private Owners owners;
  private SalesIngestion ingestion;
  private SalesListing listing;
  private StatsQueries queries;
  private AnswerCache answers;

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
    MeterRegistry registry = Meters.of(config());
    owners = new Owners(vertx, config().getJsonObject("upstreams"), registry,
      ServiceTokens.of(vertx, config().getJsonObject("auth"), "stats"));
    ingestion = new SalesIngestion(pool, owners.products(), owners.stores(), settings.getInteger("maxBatch"),
      Duration.ofSeconds(settings.getLong("clockSkew")), registry);
    listing = new SalesListing(pool);
    queries = new StatsQueries(pool, owners.byDimension(), settings.getString("currency"));
    // An answer is never reused longer than the names in it may be answered from the upstream caches, so
    // its meta (live, cached, stale, unavailable) is never older than what a fresh answer would say.
    answers = new AnswerCache(Math.min(settings.getLong("answerCacheTtl"), owners.shortestCacheTtlMs()));
    // Sales accepted by another stats instance (or node) clear this one's answers too, and so does a
    // renamed or archived brand, product or store: answers carry their names.
    for (String address : List.of(INGESTED, "brand.changed", "product.changed", "store.changed")) {
      vertx.eventBus().consumer(address, message -> answers.clear());
    }
    // Live statistics: every gateway hears of each committed batch, and asks here for its starting totals.
    ingestion.onCommitted(new AcceptedSales(vertx.eventBus())::publish);
    // The reporting zone: stats.timeZone where the configuration has it, else UTC.
    ZoneId zone = ZoneId.of(settings.getString("timeZone", "UTC"));
    return Future.all(owners.ready(), new LiveSnapshots(pool, settings.getString("currency"), zone).register(vertx));
  }

  @Override
  public Future<?> stop() {
    return (owners == null ? Future.succeededFuture() : owners.close()).compose(closed -> super.stop());
  }

  @Override
  protected Future<JsonObject> health() {
    return super.health().map(health -> health.put("upstreams", owners.stats()));
  }

  private Future<ServiceReply> ingestSales(ServiceRequest request) {
    return ingestion.ingest(request.body()).map(result -> {
      if (result.getInteger("accepted") > 0) {
        answers.clear();
        vertx.eventBus().publish(INGESTED, null);
      }
      return ServiceReply.ok(result);
    });
  }

  private Future<ServiceReply> listSales(ServiceRequest request) {
    return listing.page(request.query()).map(ServiceReply::ok);
  }

  private Future<ServiceReply> cached(ServiceRequest request, Function<ServiceRequest, Future<JsonObject>> statistic) {
    return answers.get(request, r -> statistic.apply(r).map(JsonObject::encode)).map(ServiceReply::okEncoded);
  }

  private Future<JsonObject> series(ServiceRequest request, Dimension dimension) {
    JsonObject query = request.query();
    Interval interval = Interval.of(query.getString("interval", "day"));
    return queries.series(dimension, request.pathLong("id"), Window.from(query), interval, currency(query));
  }

  private Future<JsonObject> top(ServiceRequest request) {
    JsonObject query = request.query();
    Dimension dimension = Dimension.valueOf(query.getString("dimension", "brands").toUpperCase(Locale.ROOT));
    boolean byUnits = "units".equals(query.getString("by"));
    return queries.top(dimension, byUnits, Window.from(query), query.getInteger("limit", 10), currency(query));
  }

  private Future<JsonObject> summary(ServiceRequest request) {
    return queries.summary(Window.from(request.query()), currency(request.query()));
  }

  private String currency(JsonObject query) {
    return query.getString("currency", queries.defaultCurrency());
  }
}
