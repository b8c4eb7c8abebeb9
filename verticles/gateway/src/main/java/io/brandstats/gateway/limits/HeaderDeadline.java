package io.brandstats.gateway.limits;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/**
 * Cuts off clients that send a request's head too slowly (slow loris): a new connection must complete
 * its first request line and headers within http.headerTimeout seconds, and a kept-alive connection
 * its next one within http.idleTimeout seconds of the last answer. The idle timeout alone would not do:
 * one byte every few seconds keeps a connection from ever being idle.
 *
 * <p>One instance per gateway verticle; its connections live on that verticle's event loop, so the map
 * needs no locking. Deadlines are checked by one sweep every {@value #SWEEP_MS} ms rather than a timer
 * per request, so a request costs a map update and nothing more.
 */
final class HeaderDeadline {

  static final long SWEEP_MS = 250;
  private static final long NONE = Long.MAX_VALUE;

  private final long firstHeadNanos;
  private final long nextHeadNanos;
  /** Connections waiting for a request head, with the time it is due; NONE while a request is served. */
  private final Map<HttpConnection, Long> due = new HashMap<>();
  private final long sweeper;
  private final Vertx vertx;

  HeaderDeadline(Vertx vertx, long firstHeadMillis, long nextHeadMillis) {
    this.vertx = vertx;
    this.firstHeadNanos = firstHeadMillis * 1_000_000;
    this.nextHeadNanos = nextHeadMillis * 1_000_000;
    this.sweeper = firstHeadMillis > 0 || nextHeadMillis > 0 ? vertx.setPeriodic(SWEEP_MS, id -> sweep()) : -1;
  }

  /** For the server's connection handler: the first head is due. */
  void opened(HttpConnection connection) {
    due.put(connection, deadline(firstHeadNanos));
    connection.closeHandler(closed -> due.remove(connection));
  }

  /** Root handler: the head arrived in time; once answered, the next head is due. */
  void headArrived(RoutingContext ctx) {
    HttpConnection connection = ctx.request().connection();
    if (ctx.request().version() == HttpVersion.HTTP_2) {
      due.remove(connection); // streams share the connection: only the idle timeout applies to it
      ctx.next();
      return;
    }
    due.put(connection, NONE);
    ctx.addEndHandler(answered -> due.computeIfPresent(connection, (c, deadline) -> deadline(nextHeadNanos)));
    ctx.next();
  }

  /** Stops the sweep (the verticle is stopping). */
  void close() {
    if (sweeper >= 0) {
      vertx.cancelTimer(sweeper);
    }
  }

  private static long deadline(long afterNanos) {
    return afterNanos > 0 ? System.nanoTime() + afterNanos : NONE;
  }

  private void sweep() {
    long now = System.nanoTime();
    due.entrySet().removeIf(entry -> {
      if (entry.getValue() != NONE && now - entry.getValue() > 0) {
        entry.getKey().close();
        return true;
      }
      return false;
    });
  }
}
