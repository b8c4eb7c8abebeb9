package io.brandstats.common.upstream;

import io.brandstats.common.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.function.Supplier;

/**
 * One GET of an entity from the service that owns it: the Web Client, created once, with the base URL's
 * host and path, a timeout per attempt, and the caller's request id, trace and bearer token on every call. What
 * an upstream answers is not trusted: its size is capped and a 200 must be the entity asked for.
 */
final class EntityRequests {

  /** The largest answer read from an upstream; an entity is a few hundred bytes. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final String name;
  private final String path;
  private final long timeoutMs;
  private final WebClient client;
  private final Supplier<String> bearerToken;
  private final CappedBody cappedBody = new CappedBody(MAX_BODY_BYTES);
  /** The call's span name by its path template ({@code GET /brands/{id}}), never the id asked for. */
  private final String traceOperation;

  /**
   * @param name        the owning service, for the user agent and failure messages
   * @param path        the resource path the id is appended to, below the base URL's own path
   * @param bearerToken the token each call carries, or a supplier of null for none
   */
  EntityRequests(Vertx vertx, String name, String path, UpstreamConfig config, Supplier<String> bearerToken) {
    URI base = URI.create(config.baseUrl());
    boolean tls = "https".equalsIgnoreCase(base.getScheme());
    this.name = name;
    this.path = stripTrailingSlash(base.getPath()) + path;
    this.traceOperation = "GET " + this.path + "{id}";
    this.timeoutMs = config.timeoutMs();
    this.bearerToken = bearerToken;
    this.client = WebClient.create(vertx, new WebClientOptions()
      .setSsl(tls)
      .setDefaultHost(base.getHost())
      .setDefaultPort(base.getPort() > 0 ? base.getPort() : tls ? 443 : 80)
      .setConnectTimeout((int) config.timeoutMs())
      // Give up an idle connection before the gateway does (http.idleTimeout, 60 s by default), so a
      // call never races the server closing the connection it was about to use.
      .setKeepAliveTimeout(30)
      // A call made within a traced request gets a client span and carries the trace on; none starts one.
      .setTracingPolicy(TracingPolicy.PROPAGATE)
      .setUserAgent("brandstats-upstream-" + name));
  }

  /**
   * The entity, or null when the owner says there is none (404). Any other answer fails: it is a failure
   * of the upstream, worth a retry.
   *
   * @param requestId sent as X-Request-Id, when there is one
   */
  Future<JsonObject> get(long id, String requestId) {
    var request = client.get(path + id)
      .timeout(timeoutMs)
      .traceOperation(traceOperation)
      .putHeader("Accept", "application/json")
      .as(cappedBody);
    if (requestId != null) {
      request.putHeader(RequestIds.HEADER, requestId);
    }
    String token = bearerToken.get();
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request.send().map(response -> entity(id, response));
  }

  void close() {
    client.close();
  }

  /** 200 and 404 are answers; a 200 must be the entity asked for (a JSON object whose id is that number). */
  private JsonObject entity(long id, HttpResponse<Buffer> response) {
    return switch (response.statusCode()) {
      case 200 -> {
        JsonObject body = response.body() == null ? null : response.bodyAsJsonObject();
        if (body == null) {
          throw new IllegalStateException(name + " answered 200 without a body");
        }
        Object answeredId = body.getValue("id");
        if (!(answeredId instanceof Integer || answeredId instanceof Long) || ((Number) answeredId).longValue() != id) {
          throw new IllegalStateException(name + " answered 200 with no id " + id + " in its body");
        }
        yield body;
      }
      case 404 -> null;
      default -> throw new IllegalStateException(name + " answered " + response.statusCode());
    };
  }

  private static String stripTrailingSlash(String basePath) {
    if (basePath == null) {
      return "";
    }
    return basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
  }
}
