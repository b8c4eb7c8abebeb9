package io.brandstats.store;

import io.brandstats.common.CatalogueVerticle;
import io.brandstats.common.Cursors;
import io.brandstats.common.ETags;
import io.brandstats.common.Likes;
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
 * The store service: owns the {@code store} database and answers the contract's store operations on
 * {@code store.service}. Every change is published on {@code store.changed} so caches elsewhere evict.
 */
public final class StoreVerticle extends CatalogueVerticle {

  private static final List<String> FILTERS = List.of("country", "city", "channel", "status", "q");

  public StoreVerticle() {
    super("store", StoreSql.STATEMENTS, StoreSql::from);
  }

  @Override
  protected Map<String, Function<ServiceRequest, Future<ServiceReply>>> operations() {
    return Map.of(
      "listStores", this::listStores,
      "createStore", this::createStore,
      "getStore", this::read,
      "updateStore", this::updateStore,
      "archiveStore", this::archive);
  }

  private Future<ServiceReply> listStores(ServiceRequest request) {
    JsonObject query = request.query();
    int limit = query.getInteger("limit", 20);
    String country = query.getString("country");
    String city = query.getString("city");
    String channel = query.getString("channel");
    String status = query.getString("status");
    String namePrefix = Likes.prefix(query.getString("q"));
    Tuple params = Tuple.of(Cursors.decode(query.getString("cursor")), country, country, city, city)
      .addValue(channel).addValue(channel).addValue(status).addValue(status)
      .addValue(namePrefix).addValue(namePrefix).addValue(limit + 1);
    return table.page(StoreSql.LIST, params, limit, "/stores", query, FILTERS).map(ServiceReply::ok);
  }

  private Future<ServiceReply> createStore(ServiceRequest request) {
    JsonObject body = request.body();
    LocalDateTime now = Timestamps.now();
    Tuple params = Tuple.of(body.getString("code"), body.getString("name"), body.getString("city"),
      body.getString("country"), body.getString("channel"), now, now);
    return pool.preparedQuery(StoreSql.INSERT).execute(params)
      .recover(failure -> Future.failedFuture(codeTaken(failure, body)))
      .map(rows -> created(rows, body, now, "/stores/"));
  }

  /** Full update; with If-Match, only while the store is at a version it names (else 412). */
  private Future<ServiceReply> updateStore(ServiceRequest request) {
    long id = request.pathLong("id");
    JsonObject body = request.body();
    ETags.IfMatch ifMatch = ETags.ifMatch(request.header("if-match"));
    Tuple params = Tuple.of(body.getString("code"), body.getString("name"), body.getString("city"),
      body.getString("country"), body.getString("channel"), body.getString("status"))
      .addValue(Timestamps.now()).addValue(id).addValue(ifMatch.sqlVersions()).addValue(ifMatch.sqlVersions());
    return table.update(id, params)
      .recover(failure -> Future.failedFuture(codeTaken(failure, body)))
      .map(store -> updated(id, store));
  }

  private static Throwable codeTaken(Throwable failure, JsonObject body) {
    return SqlErrors.conflictOr(failure, "/code", "A store with code '" + body.getString("code") + "' already exists.");
  }
}
