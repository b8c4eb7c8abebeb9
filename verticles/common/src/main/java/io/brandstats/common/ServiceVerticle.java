package io.brandstats.common;

import io.brandstats.common.replica.ReadPools;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a service verticle: migrate its own database (off the event loop), open its own pool,
 * answer its operations on {@code <name>.service}, publish {@code <name>.changed}. A subclass is its
 * route table ({@link #operations()}) and one method per operation.
 *
 * <p>A node takes work only when everything the work needs is up: deployed with {@code awaitOpen: true}, the
 * service answers nothing until {@link #open()}. It stops taking work before it stops: {@link #drain()} (and
 * {@link #stop()}) first withdraw its operations from the address, cluster-wide, so other nodes are chosen, then
 * let the operations it holds finish, and only then close the pool.
 */
public abstract class ServiceVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceVerticle.class);
  private static final long IDLE_CHECK_MS = 20;

  private final String name;
  private final AtomicInteger inFlight = new AtomicInteger();
  private MessageConsumer<JsonObject> consumer;
  private Future<Void> drained;
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
    }).compose(prepared -> config().getBoolean("awaitOpen", false) ? Future.succeededFuture() : bind());
  }

  /** Starts answering on {@code <name>.service}; the node calls it once its gateway and upstreams are up. */
  public Future<Void> open() {
    Promise<Void> opened = Promise.promise();
    context.runOnContext(v -> bind().<Void>mapEmpty().onComplete(opened));
    return opened.future();
  }

  /**
   * Stops taking work (the address no longer names this instance, on any node), then completes when the
   * operations already taken have answered, or after {@code drainSeconds} at most (when set).
   */
  public Future<Void> drain() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      if (drained == null) {
        MessageConsumer<JsonObject> registered = consumer;
        consumer = null;
        Promise<Void> idle = Promise.promise();
        Future<Void> unregistered = registered == null ? Future.succeededFuture() : registered.unregister();
        unregistered.onComplete(u -> whenIdle(idle));
        Long limit = config().getLong("drainSeconds");
        if (limit != null) {
          vertx.setTimer(Math.max(1, limit * 1000), t -> {
            if (idle.tryComplete()) {
              LOG.warn("{}: {} operation(s) still running after {} s; stopping anyway", name, inFlight.get(), limit);
            }
          });
        }
        drained = idle.future();
      }
      drained.onComplete(done);
    });
    return done.future();
  }

  @Override
  public Future<?> stop() {
    return drain().compose(idle -> {
      Future<Void> replica = reads == null ? Future.succeededFuture() : reads.close();
      return pool == null ? replica : Future.join(replica, pool.close()).mapEmpty();
    });
  }

  private Future<MessageConsumer<JsonObject>> bind() {
    if (consumer != null || drained != null) {
      return Future.succeededFuture(consumer);
    }
    Map<String, Function<ServiceRequest, Future<ServiceReply>>> bound = new HashMap<>(operations());
    bound.put(ServiceBinding.HEALTH_OPERATION, request -> health().map(ServiceReply::ok));
    bound.replaceAll((operationId, operation) -> counted(operation));
    return ServiceBinding.bind(vertx, name + ".service", bound).onSuccess(registered -> consumer = registered);
  }

  /** Counts the operation while it runs; the count drops a tick after its answer is sent. */
  private Function<ServiceRequest, Future<ServiceReply>> counted(Function<ServiceRequest, Future<ServiceReply>> operation) {
    return request -> {
      inFlight.incrementAndGet();
      Future<ServiceReply> reply;
      try {
        reply = operation.apply(request);
      } catch (RuntimeException e) {
        reply = Future.failedFuture(e);
      }
      return reply.onComplete(done -> context.runOnContext(v -> inFlight.decrementAndGet()));
    };
  }

  private void whenIdle(Promise<Void> idle) {
    if (inFlight.get() == 0) {
      idle.tryComplete();
    } else if (!idle.future().isComplete()) {
      vertx.setTimer(IDLE_CHECK_MS, t -> whenIdle(idle));
    }
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
