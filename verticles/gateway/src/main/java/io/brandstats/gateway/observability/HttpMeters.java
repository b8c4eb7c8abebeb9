package io.brandstats.gateway.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's HTTP meters: how many answers and how long they took, by contract route template, method
 * and status, and the requests in flight. Each timer is registered once and then found with one map lookup
 * per answer. (Vert.x's own HTTP server and event-bus meters build and look up several meter ids per request
 * and per socket write: 11-12 % of the gateway's CPU samples on a GET by id, so the launcher turns them off.)
 */
public final class HttpMeters implements PlatformHandler, Shareable {

  private record Key(String route, String method, int status) {
  }

  private final MeterRegistry registry;
  private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();
  private final AtomicInteger active;

  private static final String SHARED_MAP = "brandstats.http-meters";

  private HttpMeters(MeterRegistry registry) {
    this.registry = registry;
    this.active = new AtomicInteger();
    Gauge.builder("brandstats.http.server.active.requests", active, AtomicInteger::get)
      .description("Requests the gateway is answering now").register(registry);
  }

  /** The node's HTTP meters, shared by its gateway instances (kept with the node's Vert.x, gone with it). */
  public static HttpMeters of(Vertx vertx, MeterRegistry registry) {
    LocalMap<String, HttpMeters> shared = vertx.sharedData().getLocalMap(SHARED_MAP);
    synchronized (HttpMeters.class) {
      HttpMeters meters = shared.get(SHARED_MAP);
      if (meters == null) {
        meters = new HttpMeters(registry);
        shared.put(SHARED_MAP, meters);
      }
      return meters;
    }
  }

  /** First handler of every request: times it until its answer has been written, whoever answers. */
  @Override
  public void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    active.incrementAndGet();
    ctx.addEndHandler(done -> {
      active.decrementAndGet();
      timer(routeOf(ctx), ctx.request().method().name(), ctx.response().getStatusCode())
        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    });
    ctx.next();
  }

  private Timer timer(String route, String method, int status) {
    return timers.computeIfAbsent(new Key(route, method, status), key -> Timer.builder("brandstats.http.server.requests")
      .description("Answers of the gateway and their duration, by contract route, method and status")
      .tag("route", key.route()).tag("method", key.method()).tag("status", Integer.toString(key.status()))
      .register(registry));
  }

  /**
   * The contract path of the operation that answered ({@code /brands/{id}}), or "" for any other path. Every
   * check of an operation (its token, its validation) runs on the operation's route, so a refusal is labelled
   * by the template too.
   */
  private static String routeOf(RoutingContext ctx) {
    Route route = ctx.currentRoute();
    String name = route == null ? null : route.getName();
    return name != null && name.startsWith("/") ? name : "";
  }
}
