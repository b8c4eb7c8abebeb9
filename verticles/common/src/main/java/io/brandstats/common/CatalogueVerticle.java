package io.brandstats.common;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The life of a catalogue service verticle: migrate its own database (off the event loop), open its
 * own pool, answer its operations on {@code <entity>.service}, publish {@code <entity>.changed}.
 * A subclass is its route table ({@link #operations()}) and one method per operation.
 */
public abstract class CatalogueVerticle extends VerticleBase {

  private final String entity;
  private final CatalogueTable.Statements statements;
  private final Function<Row, JsonObject> mapper;
  protected Pool pool;
  /** The service's own table, with the flows every catalogue shares. */
  protected CatalogueTable table;

  /**
   * @param entity the service's name: its migrations folder (db/entity), its addresses, its problems
   * @param statements its table's shared statements
   * @param mapper its one mapping from a row to the API's shape
   */
  protected CatalogueVerticle(String entity, CatalogueTable.Statements statements, Function<Row, JsonObject> mapper) {
    this.entity = entity;
    this.statements = statements;
    this.mapper = mapper;
  }

  /** The contract's operationIds this service answers, each with its method. */
  protected abstract Map<String, Function<ServiceRequest, Future<ServiceReply>>> operations();

  /** Runs after the pool is open and before operations are answered. */
  protected Future<?> prepare() {
    return Future.succeededFuture();
  }

  @Override
  public final Future<?> start() {
    DbConfig db = DbConfig.from(config().getJsonObject("db"));
    return Migrations.migrate(vertx, db, "db/" + entity).compose(migrated -> {
      pool = Pools.create(vertx, db);
      table = new CatalogueTable(pool, entity, statements, mapper);
      return prepare();
    }).compose(prepared -> {
      Map<String, Function<ServiceRequest, Future<ServiceReply>>> bound = new HashMap<>(operations());
      bound.put(ServiceBinding.HEALTH_OPERATION, request -> health().map(ServiceReply::ok));
      return ServiceBinding.bind(vertx, entity + ".service", bound);
    });
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }

  /** GET by id: 200 with the ETag, or 404. */
  protected Future<ServiceReply> read(ServiceRequest request) {
    return table.get(request.pathLong("id")).map(ServiceReply::entity);
  }

  /**
   * DELETE archives: history and statistics keep resolving the entity; it just cannot be newly
   * referenced. Archiving an archived entity changes nothing (and publishes nothing).
   */
  protected Future<ServiceReply> archive(ServiceRequest request) {
    long id = request.pathLong("id");
    return table.archive(id).map(changed -> {
      if (changed) {
        published(id);
      }
      return ServiceReply.noContent();
    });
  }

  /** What readiness shows for this service; the database must answer. */
  protected Future<JsonObject> health() {
    return Pools.ping(pool).map(ok -> new JsonObject().put("database", "UP"));
  }

  /** Tells every cache on every node that this entity changed. */
  protected void published(long id) {
    vertx.eventBus().publish(entity + ".changed", new JsonObject().put("id", id));
  }
}
