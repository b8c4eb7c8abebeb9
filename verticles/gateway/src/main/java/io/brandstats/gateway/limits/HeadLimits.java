package io.brandstats.gateway.limits;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * What a request's head may be, enforced while HTTP is decoded, before any route runs: its size
 * (http.maxHeaderSize: 431), its request line (http.maxUriLength: 414), and the time it may take to arrive
 * (http.headerTimeout and http.idleTimeout, see {@link HeaderDeadline}). The refusals themselves are answered
 * by the protocol package.
 */
public final class HeadLimits {

  private final JsonObject http;
  private final HeaderDeadline deadline;

  /** @param http the gateway's http settings */
  public HeadLimits(Vertx vertx, JsonObject http) {
    this.http = http;
    this.deadline = new HeaderDeadline(vertx, http.getLong("headerTimeout") * 1000, http.getLong("idleTimeout") * 1000);
  }

  /** The server options that enforce the size limits and the idle timeout. */
  public HttpServerOptions applyTo(HttpServerOptions options) {
    return options
      .setMaxHeaderSize(http.getInteger("maxHeaderSize"))
      .setMaxInitialLineLength(http.getInteger("maxUriLength"))
      .setIdleTimeout(http.getInteger("idleTimeout"))
      // With cleartext HTTP/2 on, Vert.x holds a new connection back until a whole request head has come
      // (to spot an upgrade), so a slow head would be invisible to the head deadline: HTTP/1.1 only.
      .setHttp2ClearTextEnabled(false);
  }

  /** For the server's connection handler: the new connection's first head is due. */
  public void opened(HttpConnection connection) {
    deadline.opened(connection);
  }

  /** First on every route: the head arrived in time (Vert.x Web runs platform handlers before the body). */
  public PlatformHandler headArrived() {
    return deadline::headArrived;
  }

  /** Stops the deadline sweep (the verticle is stopping). */
  public void close() {
    deadline.close();
  }
}
