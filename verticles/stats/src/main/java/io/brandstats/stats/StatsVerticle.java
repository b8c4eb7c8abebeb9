package io.brandstats.stats;

import io.brandstats.common.Cursors;
import io.brandstats.common.KeysetPages;
import io.brandstats.common.Meters;
import io.brandstats.common.ServiceReply;
import io.brandstats.common.ServiceRequest;
import io.brandstats.common.ServiceVerticle;
import io.brandstats.common.auth.ServiceTokens;
import io.brandstats.common.upstream.UpstreamClient;
import io.brandstats.common.upstream.UpstreamConfig;
import io.brandstats.stats.StatsSql.Dimension;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
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
  private static final List<String> SALE_FILTERS = List.of("brandId", "productId", "storeId", "from", "to");

  private UpstreamClient brands;
  private UpstreamClient products;
  private UpstreamClient stores;
  private SalesIngestion ingestion;
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

  @Override
  protected Future<?> prepare() {
    JsonObject upstreams = config().getJsonObject("upstreams");
    JsonObject settings = config().getJsonObject("service", new JsonObject());
    MeterRegistry registry = Meters.of(config());
    // One token for the three clients: they run on this verticle's context and call as one service.
    Supplier<String> token = ServiceTokens.of(vertx, config().getJsonObject("auth"), "stats");
    UpstreamConfig brand = UpstreamConfig.from(upstreams.getJsonObject("brand"));
    UpstreamConfig product = UpstreamConfig.from(upstreams.getJsonObject("product"));
    UpstreamConfig store = UpstreamConfig.from(upstreams.getJsonObject("store"));
    brands = new UpstreamClient(vertx, "brand", "/brands/", brand, registry, "stats", token);
    products = new UpstreamClient(vertx, "product", "/products/", product, registry, "stats", token);
    stores = new UpstreamClient(vertx, "store", "/stores/", store, registry, "stats", token);
    ingestion = new SalesIngestion(pool, products, stores, settings.getInteger("maxBatch", 1000),
      Duration.ofSeconds(settings.getLong("clockSkew", 300L)), new IngestionMeters(registry));
    // An answer is never reused longer than the names in it may be answered from the upstream caches, so
    // its meta (live, cached, stale, unavailable) is never older than what a fresh answer would say.
    answers = new AnswerCache(Math.min(settings.getLong("answerCacheTtl", 1000L),
      Math.min(brand.cacheTtlMs(), Math.min(product.cacheTtlMs(), store.cacheTtlMs()))));
    // Sales accepted by another stats instance (or node) clear this one's answers too, and so does a
    // renamed or archived brand, product or store: answers carry their names.
    for (String address : List.of(INGESTED, "brand.changed", "product.changed", "store.changed")) {
      vertx.eventBus().consumer(address, message -> answers.clear());
    }
    queries = new StatsQueries(pool, Map.of(Dimension.BRANDS, brands, Dimension.PRODUCTS, products,
      Dimension.STORES, stores), settings.getString("currency", "EUR"));
    return Future.all(brands.ready(), products.ready(), stores.ready());
  }

  @Override
  public Future<?> stop() {
    return Future.join(close(brands), close(products), close(stores)).compose(closed -> super.stop());
  }

  private static Future<Void> close(UpstreamClient client) {
    return client == null ? Future.succeededFuture() : client.close();
  }

  @Override
  protected Future<JsonObject> health() {
    return super.health().map(health -> health.put("upstreams", new JsonObject()
      .put("brand", brands.stats()).put("product", products.stats()).put("store", stores.stats())));
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

  private Future<ServiceReply> cached(ServiceRequest request, Function<ServiceRequest, Future<JsonObject>> statistic) {
    return answers.get(request, r -> statistic.apply(r).map(JsonObject::encode)).map(ServiceReply::okEncoded);
  }

  private Future<ServiceReply> listSales(ServiceRequest request) {
    JsonObject query = request.query();
    int limit = query.getInteger("limit", 20);
    Long brandId = query.getLong("brandId");
    Long productId = query.getLong("productId");
    Long storeId = query.getLong("storeId");
    LocalDateTime from = utc(query.getString("from"));
    LocalDateTime to = utc(query.getString("to"));
    Tuple params = Tuple.of(Cursors.decode(query.getString("cursor")), brandId, brandId, productId, productId)
      .addValue(storeId).addValue(storeId).addValue(from).addValue(from).addValue(to).addValue(to).addValue(limit + 1);
    return KeysetPages.fetch(pool, SaleSql.LIST, params, limit, "/sales", query, SALE_FILTERS, SaleSql::from)
      .map(ServiceReply::ok);
  }

  private static LocalDateTime utc(String dateTime) {
    return dateTime == null ? null
      : OffsetDateTime.parse(dateTime).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
  }

  private Future<JsonObject> series(ServiceRequest request, Dimension dimension) {
    JsonObject query = request.query();
    Series.Interval interval = Series.Interval.valueOf(query.getString("interval", "day").toUpperCase(Locale.ROOT));
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
