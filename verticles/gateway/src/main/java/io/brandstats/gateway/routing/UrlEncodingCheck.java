package io.brandstats.gateway.routing;

import io.brandstats.common.Problem;
import io.brandstats.gateway.problem.ProblemResponses;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a URL whose path or query is not correctly percent-encoded (e.g. {@code %zz}) with a 400,
 * before routing and validation, which would otherwise fail on it with an internal error.
 */
public final class UrlEncodingCheck {

  private UrlEncodingCheck() {
  }

  public static void handle(RoutingContext ctx) {
    String uri = ctx.request().uri();
    try {
      QueryStringDecoder decoder = new QueryStringDecoder(uri);
      decoder.parameters();
      for (String segment : decoder.rawPath().split("/")) {
        QueryStringDecoder.decodeComponent(segment);
      }
    } catch (IllegalArgumentException malformed) {
      int query = uri.indexOf('?');
      boolean pathMalformed = !pathDecodes(query < 0 ? uri : uri.substring(0, query));
      ProblemResponses.send(ctx, Problem.badRequest("The URL is not correctly percent-encoded.")
        .withFieldError(pathMalformed ? "path" : "query", "", "has a '%' not followed by two hex digits"));
      return;
    }
    ctx.next();
  }

  private static boolean pathDecodes(String path) {
    try {
      QueryStringDecoder.decodeComponent(path);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
