package io.brandstats.gateway;

import io.brandstats.common.auth.JwtKeys;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.Set;

/**
 * Everything that stands between a client and an operation, built from configuration: limits on what
 * a request may be (head size, URI length, time to send its head), browser policy (CORS, nosniff), the
 * bearer token and the per-client rate limit, and each operation's security as the contract declares it.
 */
final class GatewayGuards {

  private final JsonObject http;
  private final HeaderDeadline headerDeadline;
  private final CorsHandler cors;
  private final AccessTokens accessTokens;
  private final ClientRateLimits rateLimits;
  private final boolean readsRequireToken;

  /** @param config the gateway's configuration: http, auth (with the resolved keys) and limits */
  GatewayGuards(Vertx vertx, JsonObject config) {
    this.http = config.getJsonObject("http", new JsonObject());
    JsonObject auth = config.getJsonObject("auth", new JsonObject());
    this.headerDeadline = new HeaderDeadline(vertx, http.getLong("headerTimeout", 10L) * 1000,
      http.getLong("idleTimeout", 60L) * 1000);
    this.cors = cors(http.getJsonObject("cors", new JsonObject()).getJsonArray("origins", new JsonArray()));
    JsonArray keys = auth.getJsonArray("keys", new JsonArray());
    this.accessTokens = new AccessTokens(JwtKeys.verifier(vertx, keys), auth.getString("roleClaim", JwtKeys.DEFAULT_ROLE_CLAIM));
    accessTokens.warmUp(keys);
    this.rateLimits = ClientRateLimits.shared(vertx,
      config.getJsonObject("limits", new JsonObject()).getJsonObject("rate", new JsonObject()));
    this.readsRequireToken = auth.getBoolean("readsRequireToken", false);
  }

  /** Limits enforced while HTTP is decoded, before any route runs. */
  HttpServerOptions serverOptions() {
    return new HttpServerOptions()
      .setHost(http.getString("host", "0.0.0.0"))
      .setPort(http.getInteger("port", 8080))
      .setMaxHeaderSize(http.getInteger("maxHeaderSize", HttpServerOptions.DEFAULT_MAX_HEADER_SIZE))
      .setMaxInitialLineLength(http.getInteger("maxUriLength", HttpServerOptions.DEFAULT_MAX_INITIAL_LINE_LENGTH))
      .setIdleTimeout(http.getInteger("idleTimeout", 60))
      // With cleartext HTTP/2 on, Vert.x holds a new connection back until a whole request head has come
      // (to spot an upgrade), so a slow head would be invisible to the head deadline: HTTP/1.1 only.
      .setHttp2ClearTextEnabled(false);
  }

  HttpServer attach(HttpServer server) {
    return server.invalidRequestHandler(InvalidRequests::handle).connectionHandler(headerDeadline::opened);
  }

  /** First on every route: the head deadline and browser policy (Vert.x Web runs these before the body). */
  void addPlatformHandlers(RouterBuilder builder) {
    builder.rootHandler((PlatformHandler) headerDeadline::headArrived);
    builder.rootHandler((PlatformHandler) SecurityHeaders::everyAnswer);
    if (cors != null) {
      builder.rootHandler(new ConfiguredOrigins(cors));
    }
  }

  /** After the body: who is asking, and whether they may ask now. */
  void addClientHandlers(RouterBuilder builder) {
    builder.rootHandler(accessTokens::handle);
    if (rateLimits.active()) {
      builder.rootHandler(rateLimits::handle);
    }
  }

  void close() {
    headerDeadline.close();
  }

  /** The operation's security check from the contract, or null when it is public. */
  Handler<RoutingContext> security(OpenAPIContract contract, Operation operation, boolean servedByService) {
    return new OperationSecurity(contract, readsRequireToken).forOperation(operation, servedByService);
  }

  /** CORS for the configured origins only; none configured, no CORS headers at all. */
  private static CorsHandler cors(JsonArray origins) {
    if (origins.isEmpty()) {
      return null;
    }
    return CorsHandler.create()
      .addOrigins(origins.stream().map(String::valueOf).toList())
      .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE))
      .allowedHeaders(Set.of("Authorization", "Content-Type", "If-Match"))
      .exposedHeaders(Set.of("ETag", "Location", "Retry-After", "WWW-Authenticate"))
      .maxAgeSeconds(600);
  }
}
