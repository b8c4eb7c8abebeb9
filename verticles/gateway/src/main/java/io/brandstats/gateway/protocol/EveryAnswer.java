package io.brandstats.gateway.protocol;

import io.brandstats.common.RequestIds;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/**
 * The server's request handler around the router: before any route runs, the answer gets its request id (the
 * client's when sane, else a new one) and nosniff. The router answers some requests without running a route at
 * all (no Host header, a request target that is not a path), so these cannot wait for a route.
 */
public final class EveryAnswer implements Handler<HttpServerRequest> {

  public static final String NOSNIFF_HEADER = "X-Content-Type-Options";

  private final Handler<HttpServerRequest> router;

  private EveryAnswer(Handler<HttpServerRequest> router) {
    this.router = router;
  }

  public static EveryAnswer around(Handler<HttpServerRequest> router) {
    return new EveryAnswer(router);
  }

  @Override
  public void handle(HttpServerRequest request) {
    MultiMap headers = request.response().headers();
    headers.set(RequestIds.HEADER, RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER)));
    headers.set(NOSNIFF_HEADER, "nosniff");
    router.handle(request);
  }

  /** The request id this request's answer carries (set before any route ran). */
  public static String requestId(HttpServerRequest request) {
    return request.response().headers().get(RequestIds.HEADER);
  }
}
