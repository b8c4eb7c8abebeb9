package io.brandstats.gateway.browser;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.util.Set;

/**
 * CORS for the origins in http.cors.origins. A request from this server's own pages (Swagger UI's
 * "Try it out" sends its Origin on writes) is not cross-origin and passes without CORS, which would
 * otherwise refuse every origin not listed, this one included.
 */
public final class ConfiguredOrigins implements SecurityPolicyHandler {

  private final CorsHandler cors;

  private ConfiguredOrigins(CorsHandler cors) {
    this.cors = cors;
  }

  /** CORS for these origins only; null when none is configured (then no CORS headers at all). */
  public static ConfiguredOrigins of(JsonArray origins) {
    if (origins.isEmpty()) {
      return null;
    }
    return new ConfiguredOrigins(CorsHandler.create()
      .addOrigins(origins.stream().map(String::valueOf).toList())
      .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE))
      .allowedHeaders(Set.of("Authorization", "Content-Type", "If-Match"))
      .exposedHeaders(Set.of("ETag", "Location", "Retry-After", "WWW-Authenticate"))
      .maxAgeSeconds(600));
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
