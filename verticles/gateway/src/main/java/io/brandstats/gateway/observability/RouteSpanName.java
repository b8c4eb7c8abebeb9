package io.brandstats.gateway.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Operation;

/**
 * Names the request's server span by its operation's contract route, {@code GET /brands/{id}}, never the path asked
 * for, and records the route as {@code http.route}, as OpenTelemetry's HTTP conventions ask. Vert.x starts the span
 * named by the method alone; a request that no operation takes keeps that name.
 */
public final class RouteSpanName implements Handler<RoutingContext> {

  private static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");

  private final String name;
  private final String route;

  private RouteSpanName(Operation operation) {
    this.route = operation.getOpenAPIPath();
    this.name = operation.getHttpMethod().name() + " " + route;
  }

  /** The operation's first handler, or null when the node has no tracer: then requests pay nothing for it. */
  public static Handler<RoutingContext> forOperation(Vertx vertx, Operation operation) {
    return ((VertxInternal) vertx).tracer() == null ? null : new RouteSpanName(operation);
  }

  @Override
  public void handle(RoutingContext ctx) {
    Span span = Span.current();
    span.updateName(name);
    span.setAttribute(HTTP_ROUTE, route);
    ctx.next();
  }
}
