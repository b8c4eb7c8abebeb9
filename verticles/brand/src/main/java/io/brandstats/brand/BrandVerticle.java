package io.brandstats.brand;

import io.brandstats.common.Cursors;
import io.brandstats.common.DbConfig;
import io.brandstats.common.ETags;
import io.brandstats.common.Migrations;
import io.brandstats.common.Pools;
import io.brandstats.common.Problem;
import io.brandstats.common.ServiceBinding;
import io.brandstats.common.ServiceReply;
import io.brandstats.common.ServiceRequest;
import io.brandstats.common.SqlErrors;
import io.netty.handler.codec.http.QueryStringEncoder;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The brand service: owns the {@code brand} database and answers the contract's brand operations
 * on the event bus. Every change is published on {@value #CHANGED} so caches elsewhere can evict.
 */
public final class BrandVerticle extends VerticleBase {

  /** The address the contract's {@code x-vertx-event-bus} names for brand operations. */
  public static final String ADDRESS = "brand.service";
  public static final String CHANGED = "brand.changed";

  private Pool pool;

  @Override
  public Future<?> start() {
    DbConfig db = DbConfig.from(config().getJsonObject("db"));
    return Migrations.migrate(vertx, db, "db/brand").compose(migrated -> {
      pool = Pools.create(vertx, db);
      return ServiceBinding.bind(vertx, ADDRESS, Map.of(
        "listBrands", this::listBrands,
        "createBrand", this::createBrand,
        "getBrand", this::getBrand,
        "updateBrand", this::updateBrand,
        "archiveBrand", this::archiveBrand,
        ServiceBinding.HEALTH_OPERATION, this::health));
    });
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }

  private Future<ServiceReply> listBrands(ServiceRequest request) {
    JsonObject query = request.query();
    int limit = query.getInteger("limit", 20);
    long after = Cursors.decode(query.getString("cursor"));
    String country = query.getString("country");
    String status = query.getString("status");
    String namePrefix = query.getString("q") == null ? null : BrandSql.prefixPattern(query.getString("q"));
    Tuple params = Tuple.of(after, country, country, status, status, namePrefix, namePrefix, limit + 1);
    return pool.preparedQuery(BrandSql.LIST).execute(params).map(rows -> {
      JsonArray items = new JsonArray();
      long lastId = 0;
      for (Row row : rows) {
        if (items.size() == limit) {
          return ServiceReply.ok(page(items, nextPage(query, limit, lastId)));
        }
        items.add(BrandSql.from(row));
        lastId = row.getLong("id");
      }
      return ServiceReply.ok(page(items, null));
    });
  }

  private static JsonObject page(JsonArray items, String next) {
    return new JsonObject().put("items", items).put("next", next);
  }

  /** The next page keeps the caller's filters and moves the cursor past the last row sent. */
  private static String nextPage(JsonObject query, int limit, long lastId) {
    QueryStringEncoder next = new QueryStringEncoder("/brands");
    next.addParam("limit", Integer.toString(limit));
    for (String filter : new String[] {"country", "status", "q"}) {
      if (query.getString(filter) != null) {
        next.addParam(filter, query.getString(filter));
      }
    }
    next.addParam("cursor", Cursors.after(lastId));
    return next.toString();
  }

  private Future<ServiceReply> createBrand(ServiceRequest request) {
    JsonObject body = request.body();
    LocalDateTime now = now();
    Tuple params = Tuple.of(body.getString("name"), body.getString("country"), body.getString("website"), now, now);
    return pool.preparedQuery(BrandSql.INSERT).execute(params)
      .recover(failure -> Future.failedFuture(nameTakenOr(failure, body)))
      .map(rows -> {
        long id = rows.property(MySQLClient.LAST_INSERTED_ID);
        String at = now.toInstant(ZoneOffset.UTC).toString();
        JsonObject brand = new JsonObject()
          .put("id", id)
          .put("name", body.getString("name"))
          .put("country", body.getString("country"))
          .put("website", body.getString("website"))
          .put("status", "active")
          .put("createdAt", at)
          .put("updatedAt", at)
          .put("version", 1L);
        published(id);
        return ServiceReply.created(brand, "/brands/" + id).header("ETag", ETags.of(1));
      });
  }

  private Future<ServiceReply> getBrand(ServiceRequest request) {
    long id = request.pathLong("id");
    return pool.preparedQuery(BrandSql.BY_ID).execute(Tuple.of(id)).map(rows -> withETag(one(rows, id)));
  }

  /** Full update; with If-Match, only while the brand is still at that version (else 412). */
  private Future<ServiceReply> updateBrand(ServiceRequest request) {
    long id = request.pathLong("id");
    JsonObject body = request.body();
    Long expected = ETags.expectedVersion(request.header("if-match"));
    Tuple params = Tuple.of(body.getString("name"), body.getString("country"), body.getString("website"),
      body.getString("status"), now(), id).addValue(expected).addValue(expected);
    return pool.withTransaction(conn -> conn.preparedQuery(BrandSql.UPDATE).execute(params)
        .compose(updated -> updated.rowCount() == 1
          ? conn.preparedQuery(BrandSql.BY_ID).execute(Tuple.of(id)).map(rows -> one(rows, id))
          : notUpdated(conn, id)))
      .recover(failure -> Future.failedFuture(nameTakenOr(failure, body)))
      .map(brand -> {
        published(id);
        return withETag(brand);
      });
  }

  private static Future<JsonObject> notUpdated(SqlConnection conn, long id) {
    return conn.preparedQuery(BrandSql.EXISTS).execute(Tuple.of(id)).map(rows -> {
      throw (rows.size() == 0 ? brandNotFound(id)
        : Problem.preconditionFailed("Brand " + id + " has changed since the ETag in If-Match was read; "
          + "fetch it again and retry.")).toException();
    });
  }

  /** Delete archives: history and statistics keep resolving the brand; it just cannot be newly referenced. */
  private Future<ServiceReply> archiveBrand(ServiceRequest request) {
    long id = request.pathLong("id");
    return pool.preparedQuery(BrandSql.ARCHIVE).execute(Tuple.of(now(), id)).compose(archived -> {
      if (archived.rowCount() == 1) {
        published(id);
        return Future.succeededFuture(ServiceReply.noContent());
      }
      return pool.preparedQuery(BrandSql.EXISTS).execute(Tuple.of(id)).map(rows -> {
        if (rows.size() == 0) {
          throw brandNotFound(id).toException();
        }
        return ServiceReply.noContent();
      });
    });
  }

  private Future<ServiceReply> health(ServiceRequest request) {
    return Pools.ping(pool).map(ok -> ServiceReply.ok(new JsonObject().put("database", "UP")));
  }

  private static JsonObject one(RowSet<Row> rows, long id) {
    if (rows.size() == 0) {
      throw brandNotFound(id).toException();
    }
    return BrandSql.from(rows.iterator().next());
  }

  private static ServiceReply withETag(JsonObject brand) {
    return ServiceReply.ok(brand).header("ETag", ETags.of(brand.getLong("version")));
  }

  private static Problem brandNotFound(long id) {
    return Problem.notFound("There is no brand " + id + ".");
  }

  private static Throwable nameTakenOr(Throwable failure, JsonObject body) {
    if (SqlErrors.isDuplicateKey(failure)) {
      return Problem.conflict("A brand named '" + body.getString("name") + "' already exists.")
        .withFieldError("body", "name", "must be unique")
        .toException();
    }
    return failure;
  }

  private void published(long id) {
    vertx.eventBus().publish(CHANGED, new JsonObject().put("id", id));
  }

  private static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
  }
}
