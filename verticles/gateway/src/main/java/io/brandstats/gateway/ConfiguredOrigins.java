package io.brandstats.gateway;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

/**
 * CORS for the origins in http.cors.origins. A request from this server's own pages (Swagger UI's
 * "Try it out" sends its Origin on writes) is not cross-origin and passes without CORS, which would
 * otherwise refuse every origin not listed, this one included.
 */
final class ConfiguredOrigins implements SecurityPolicyHandler {

  private final CorsHandler cors;

  ConfiguredOrigins(CorsHandler cors) {
    this.cors = cors;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    String host = ctx.request().getHeader(HttpHeaders.HOST);
    if (origin == null || host != null && origin.equalsIgnoreCase(ctx.request().scheme() + "://" + host)) {
      ctx.next();
    } else {
      cors.handle(ctx);
    }
  }
}
