package io.brandstats.product;

import io.brandstats.common.CatalogueVerticle;
import io.brandstats.common.Cursors;
import io.brandstats.common.ETags;
import io.brandstats.common.Likes;
import io.brandstats.common.Meters;
import io.brandstats.common.Problem;
import io.brandstats.common.ServiceReply;
import io.brandstats.common.ServiceRequest;
import io.brandstats.common.SqlErrors;
import io.brandstats.common.Timestamps;
import io.brandstats.common.auth.ServiceTokens;
import io.brandstats.common.upstream.UpstreamClient;
import io.brandstats.common.upstream.UpstreamConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The product service: owns the {@code product} database and answers the contract's product operations
 * on {@code product.service}. A product's brand lives in another service: creating or updating a
 * product asks the brand service (over HTTP, through the resilient client) whether the brand exists and
 * is active.
 *
 * <p>Failure behaviour of create, and of an update that changes the brand: unknown or archived brand →
 * 422 naming brandId, nothing written; brand service unreachable → the cached brand is used if there is
 * one (also past its TTL), else 503 with Retry-After and nothing written. An update first answers 404
 * or 412 for a missing or stale product, before asking anyone.
 */
public final class ProductVerticle extends CatalogueVerticle {

  private static final List<String> FILTERS = List.of("brandId", "category", "status", "q");

  private UpstreamClient brands;

  public ProductVerticle() {
    super("product", ProductSql.STATEMENTS, ProductSql::from);
  }

  @Override
  protected Map<String, Function<ServiceRequest, Future<ServiceReply>>> operations() {
    return Map.of(
      "listProducts", this::listProducts,
      "createProduct", this::createProduct,
      "getProduct", this::read,
      "updateProduct", this::updateProduct,
      "archiveProduct", this::archive);
  }

  @Override
  protected Future<?> prepare() {
    return super.prepare().compose(table -> {
      UpstreamConfig brandUpstream = UpstreamConfig.from(config().getJsonObject("upstreams").getJsonObject("brand"));
      brands = new UpstreamClient(vertx, "brand", "/brands/", brandUpstream, Meters.of(config()), "product",
        ServiceTokens.of(vertx, config().getJsonObject("auth"), "product"));
      return brands.ready();
    });
  }

  @Override
  public Future<?> stop() {
    return (brands == null ? Future.succeededFuture() : brands.close()).compose(closed -> super.stop());
  }

  @Override
  protected Future<JsonObject> health() {
    return super.health().map(health -> health.put("upstreams", new JsonObject().put("brand", brands.stats())));
  }

  private Future<ServiceReply> listProducts(ServiceRequest request) {
    JsonObject query = request.query();
    int limit = query.getInteger("limit", 20);
    Long brandId = query.getLong("brandId");
    String category = query.getString("category");
    String status = query.getString("status");
    String namePrefix = Likes.prefix(query.getString("q"));
    Tuple params = Tuple.of(Cursors.decode(query.getString("cursor")), brandId, brandId, category, category)
      .addValue(status).addValue(status).addValue(namePrefix).addValue(namePrefix).addValue(limit + 1);
    return table.page(ProductSql.LIST, params, limit, "/products", query, FILTERS).map(ServiceReply::ok);
  }

  private Future<ServiceReply> createProduct(ServiceRequest request) {
    JsonObject body = request.body();
    BigDecimal price = Prices.of(body);
    LocalDateTime now = Timestamps.now();
    return ActiveBrand.check(brands, body.getLong("brandId"))
      .compose(brand -> pool.preparedQuery(ProductSql.INSERT).execute(Tuple.of(body.getLong("brandId"),
          body.getString("sku"), body.getString("name"), body.getString("category"), price, body.getString("currency"))
        .addValue(now).addValue(now)))
      .recover(failure -> Future.failedFuture(skuTaken(failure, body)))
      .map(rows -> created(rows, body.copy().put("price", price), now, "/products/"));
  }

  /** Full update; with If-Match, only while the product is at a version it names (else 412). */
  private Future<ServiceReply> updateProduct(ServiceRequest request) {
    long id = request.pathLong("id");
    JsonObject body = request.body();
    BigDecimal price = Prices.of(body);
    ETags.IfMatch ifMatch = ETags.ifMatch(request.header("if-match"));
    Tuple params = Tuple.of(body.getLong("brandId"), body.getString("sku"), body.getString("name"),
      body.getString("category"), price, body.getString("currency"))
      .addValue(body.getString("status")).addValue(Timestamps.now()).addValue(id).addValue(ifMatch.sqlVersions()).addValue(ifMatch.sqlVersions());
    return table.get(id)
      .compose(current -> {
        if (!ifMatch.matches(current.getLong("version"))) {
          throw table.stale(id).toException();
        }
        // A product keeps a brand that was archived after it was created; only a new brand is checked.
        boolean sameBrand = current.getLong("brandId").equals(body.getLong("brandId"));
        return sameBrand ? Future.succeededFuture() : ActiveBrand.check(brands, body.getLong("brandId"));
      })
      .compose(checked -> table.update(id, params))
      .recover(failure -> Future.failedFuture(skuTaken(failure, body)))
      .map(product -> updated(id, product));
  }

  private static Throwable skuTaken(Throwable failure, JsonObject body) {
    return SqlErrors.conflictOr(failure, "/sku", "A product with SKU '" + body.getString("sku") + "' already exists.");
  }

  /** Prices are money: at most two decimals, never rounded silently. */
  static final class Prices {

    private Prices() {
    }

    static BigDecimal of(JsonObject body) {
      BigDecimal price = new BigDecimal(body.getValue("price").toString());
      if (price.stripTrailingZeros().scale() > 2) {
        throw Problem.badRequest("The request does not match the contract.")
          .withFieldError("body", "/price", "must have at most 2 decimal places")
          .toException();
      }
      return price.setScale(2);
    }
  }
}
