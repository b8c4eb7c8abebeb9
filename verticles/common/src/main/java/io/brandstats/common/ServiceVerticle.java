package io.brandstats.common;

import io.brandstats.common.replica.ReadPools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The life of a service verticle: migrate its own database (off the event loop), open its own pool,
 * answer its operations on {@code <name>.service}, publish {@code <name>.changed}. A subclass is its
 * route table ({@link #operations()}) and one method per operation.
 */
public abstract class ServiceVerticle extends VerticleBase {

  private final String name;
  protected Pool pool;
  /** Where a read goes: the replica's pool or the primary's ({@link #pool}). */
  protected ReadPools reads;

  /** @param name the service's name: its migrations folder (db/name) and its addresses */
  protected ServiceVerticle(String name) {
    this.name = name;
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
    return Migrations.migrate(vertx, db, "db/" + name).compose(migrated -> {
      pool = Pools.create(vertx, db);
      JsonObject replica = config().getJsonObject("replica");
      reads = ReadPools.create(vertx, name, pool, replica, replica == null ? Meters.NONE : Meters.of(config()));
      return prepare();
    }).compose(prepared -> {
      Map<String, Function<ServiceRequest, Future<ServiceReply>>> bound = new HashMap<>(operations());
      bound.put(ServiceBinding.HEALTH_OPERATION, request -> health().map(ServiceReply::ok));
      return ServiceBinding.bind(vertx, name + ".service", bound);
    });
  }

  @Override
  public Future<?> stop() {
    Future<Void> replica = reads == null ? Future.succeededFuture() : reads.close();
    return pool == null ? replica : Future.join(replica, pool.close());
  }

  /** What readiness shows for this service; the database must answer, a replica only says whether it is used. */
  protected Future<JsonObject> health() {
    return Pools.ping(pool).map(ok -> {
      JsonObject health = new JsonObject().put("database", "UP");
      JsonObject replica = reads.health();
      return replica == null ? health : health.put("replica", replica);
    });
  }

  /** Tells every cache on every node that this entity changed. */
  protected void published(long id) {
    reads.wrote(id);
    vertx.eventBus().publish(name + ".changed", new JsonObject().put("id", id));
  }
}
