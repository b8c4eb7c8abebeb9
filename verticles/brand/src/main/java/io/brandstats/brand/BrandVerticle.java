package io.brandstats.brand;

import io.brandstats.common.CatalogueVerticle;
import io.brandstats.common.Cursors;
import io.brandstats.common.Likes;
import io.brandstats.common.ETags;
import io.brandstats.common.ServiceReply;
import io.brandstats.common.ServiceRequest;
import io.brandstats.common.SqlErrors;
import io.brandstats.common.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The brand service: owns the {@code brand} database and answers the contract's brand operations
 * on {@code brand.service}. Every change is published on {@code brand.changed} so caches elsewhere evict.
 */
public final class BrandVerticle extends CatalogueVerticle {

  private static final List<String> FILTERS = List.of("country", "status", "q");

  public BrandVerticle() {
    super("brand", BrandSql.STATEMENTS, BrandSql::from);
  }

  @Override
  protected Map<String, Function<ServiceRequest, Future<ServiceReply>>> operations() {
    return Map.of(
      "listBrands", this::listBrands,
      "createBrand", this::createBrand,
      "getBrand", this::read,
      "updateBrand", this::updateBrand,
      "archiveBrand", this::archive);
  }

  private Future<ServiceReply> listBrands(ServiceRequest request) {
    JsonObject query = request.query();
    int limit = query.getInteger("limit", 20);
    String country = query.getString("country");
    String status = query.getString("status");
    String namePrefix = Likes.prefix(query.getString("q"));
    Tuple params = Tuple.of(Cursors.decode(query.getString("cursor")), country, country, status, status,
      namePrefix, namePrefix, limit + 1);
    return table.page(BrandSql.LIST, params, limit, "/brands", query, FILTERS).map(ServiceReply::ok);
  }

  private Future<ServiceReply> createBrand(ServiceRequest request) {
    JsonObject body = request.body();
    LocalDateTime now = Timestamps.now();
    Tuple params = Tuple.of(body.getString("name"), body.getString("country"), body.getString("website"), now, now);
    return pool.preparedQuery(BrandSql.INSERT).execute(params)
      .recover(failure -> Future.failedFuture(nameTaken(failure, body)))
      .map(rows -> created(rows, body.copy().put("website", body.getString("website")), now, "/brands/"));
  }

  /** Full update; with If-Match, only while the brand is at a version it names (else 412). */
  private Future<ServiceReply> updateBrand(ServiceRequest request) {
    long id = request.pathLong("id");
    JsonObject body = request.body();
    ETags.IfMatch ifMatch = ETags.ifMatch(request.header("if-match"));
    Tuple params = Tuple.of(body.getString("name"), body.getString("country"), body.getString("website"),
      body.getString("status"), Timestamps.now(), id).addValue(ifMatch.sqlVersions()).addValue(ifMatch.sqlVersions());
    return table.update(id, params)
      .recover(failure -> Future.failedFuture(nameTaken(failure, body)))
      .map(brand -> updated(id, brand));
  }

  private static Throwable nameTaken(Throwable failure, JsonObject body) {
    return SqlErrors.conflictOr(failure, "/name", "A brand named '" + body.getString("name") + "' already exists.");
  }

}
