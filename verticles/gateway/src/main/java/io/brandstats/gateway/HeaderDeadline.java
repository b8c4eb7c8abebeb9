package io.brandstats.gateway;

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
 * one byte every few seconds keeps a connection from ever being idle. One instance per gateway verticle;
 * its connections live on that verticle's event loop, so the map needs no locking.
 */
final class HeaderDeadline {

  private final Vertx vertx;
  private final long firstHeadMillis;
  private final long nextHeadMillis;
  private final Map<HttpConnection, Long> timers = new HashMap<>();

  HeaderDeadline(Vertx vertx, long firstHeadMillis, long nextHeadMillis) {
    this.vertx = vertx;
    this.firstHeadMillis = firstHeadMillis;
    this.nextHeadMillis = nextHeadMillis;
  }

  /** For the server's connection handler: the first head is due. */
  void opened(HttpConnection connection) {
    arm(connection, firstHeadMillis);
    connection.closeHandler(closed -> disarm(connection));
  }

  /** Root handler: the head arrived in time; once answered, the next head is due. */
  void headArrived(RoutingContext ctx) {
    HttpConnection connection = ctx.request().connection();
    disarm(connection);
    if (ctx.request().version() == HttpVersion.HTTP_2) {
      ctx.next(); // streams share the connection: only the idle timeout applies to it
      return;
    }
    ctx.addEndHandler(answered -> arm(connection, nextHeadMillis));
    ctx.next();
  }

  private void arm(HttpConnection connection, long millis) {
    if (millis <= 0) {
      return;
    }
    disarm(connection);
    timers.put(connection, vertx.setTimer(millis, fired -> {
      timers.remove(connection);
      connection.close();
    }));
  }

  private void disarm(HttpConnection connection) {
    Long timer = timers.remove(connection);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }
}
