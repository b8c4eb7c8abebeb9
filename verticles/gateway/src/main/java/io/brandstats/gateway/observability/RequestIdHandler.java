package io.brandstats.gateway.observability;

import io.brandstats.common.RequestIds;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of every request: attaches the request's X-Request-Id (the client's when it is sane, else a
 * new one, already on the answer) to the request's context for logs and calls. Also writes the access log
 * ({@code io.brandstats.access}, off unless BRANDSTATS_ACCESS_LOG names a level), one line per answer, with the
 * request's id and, when traced, its trace.
 */
public final class RequestIdHandler implements PlatformHandler {

  private static final Logger ACCESS = LoggerFactory.getLogger("io.brandstats.access");

  /** A platform handler: it runs before every other, the body handler included, so even a 413 is logged with its id. */
  @Override
  public void handle(RoutingContext ctx) {
    // The answer carries its id before any route runs (see protocol.EveryAnswer); a router used without it makes one.
    String id = ctx.response().headers().get(RequestIds.HEADER);
    if (id == null) {
      id = RequestIds.acceptOrGenerate(ctx.request().getHeader(RequestIds.HEADER));
      ctx.response().headers().set(RequestIds.HEADER, id);
    }
    RequestIds.bind(id);
    if (ACCESS.isInfoEnabled()) {
      long started = System.nanoTime();
      // The request's server span, if it is traced: current again while its line is written (its trace_id, span_id).
      Context trace = Context.current();
      String answered = id;
      ctx.addEndHandler(done -> RequestIds.runAs(answered, () -> {
        try (Scope traced = trace.makeCurrent()) {
          logAccess(ctx.request(), ctx.response().getStatusCode(), (System.nanoTime() - started) / 1_000_000);
        }
      }));
    }
    ctx.next();
  }

  private static void logAccess(HttpServerRequest request, int status, long millis) {
    ACCESS.info("{} {} {} {} ms", request.method(), request.path(), status, millis);
  }
}
