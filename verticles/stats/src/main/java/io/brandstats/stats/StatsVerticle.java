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

  private static final List<String> SALE_FILTERS = List.of("brandId", "productId", "storeId", "from", "to");

  private UpstreamClient brands;
  private UpstreamClient products;
  private UpstreamClient stores;
  private SalesIngestion ingestion;
  private StatsQueries queries;

  public StatsVerticle() {
    super("stats");
  }

  @Override
  protected Map<String, Function<ServiceRequest, Future<ServiceReply>>> operations() {
    return Map.of(
      "ingestSales", this::ingestSales,
      "listSales", this::listSales,
      "getBrandStats", request -> series(request, Dimension.BRANDS),
      "getProductStats", request -> series(request, Dimension.PRODUCTS),
      "getStoreStats", request -> series(request, Dimension.STORES),
      "getTopStats", this::top,
      "getStatsSummary", this::summary);
  }

  @Override
  protected Future<?> prepare() {
    JsonObject upstreams = config().getJsonObject("upstreams");
    JsonObject settings = config().getJsonObject("service", new JsonObject());
    MeterRegistry registry = Meters.of(config());
    // One token for the three clients: they run on this verticle's context and call as one service.
    Supplier<String> token = ServiceTokens.of(vertx, config().getJsonObject("auth"), "stats");
    brands = new UpstreamClient(vertx, "brand", "/brands/", UpstreamConfig.from(upstreams.getJsonObject("brand")),
      registry, "stats", token);
    products = new UpstreamClient(vertx, "product", "/products/", UpstreamConfig.from(upstreams.getJsonObject("product")),
      registry, "stats", token);
    stores = new UpstreamClient(vertx, "store", "/stores/", UpstreamConfig.from(upstreams.getJsonObject("store")),
      registry, "stats", token);
    ingestion = new SalesIngestion(pool, products, stores, settings.getInteger("maxBatch", 1000),
      Duration.ofSeconds(settings.getLong("clockSkew", 300L)), new IngestionMeters(registry));
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
    return ingestion.ingest(request.body()).map(ServiceReply::ok);
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

  private Future<ServiceReply> series(ServiceRequest request, Dimension dimension) {
    JsonObject query = request.query();
    Series.Interval interval = Series.Interval.valueOf(query.getString("interval", "day").toUpperCase(Locale.ROOT));
    return queries.series(dimension, request.pathLong("id"), Window.from(query), interval, currency(query))
      .map(ServiceReply::ok);
  }

  private Future<ServiceReply> top(ServiceRequest request) {
    JsonObject query = request.query();
    Dimension dimension = Dimension.valueOf(query.getString("dimension", "brands").toUpperCase(Locale.ROOT));
    boolean byUnits = "units".equals(query.getString("by"));
    return queries.top(dimension, byUnits, Window.from(query), query.getInteger("limit", 10), currency(query))
      .map(ServiceReply::ok);
  }

  private Future<ServiceReply> summary(ServiceRequest request) {
    return queries.summary(Window.from(request.query()), currency(request.query())).map(ServiceReply::ok);
  }

  private String currency(JsonObject query) {
    return query.getString("currency", queries.defaultCurrency());
  }
}
