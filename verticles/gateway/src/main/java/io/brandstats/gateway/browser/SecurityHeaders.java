package io.brandstats.gateway.browser;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers that keep browsers from misreading the pages (/docs, /dashboard): they may load only this server's
 * own files, may not be framed by another site, and send no referrer elsewhere. (That every answer's content
 * type is meant, nosniff, is set for every answer by the protocol package.)
 */
public final class SecurityHeaders {

  /**
   * Only this server's own files. Swagger UI sets inline style attributes and draws a few icons as
   * data: images, so those two (and nothing else) are allowed beyond 'self'.
   */
  static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    + "form-action 'self'; frame-ancestors 'none'";

  private SecurityHeaders() {
  }

  public static void pages(RoutingContext ctx) {
    MultiMap headers = ctx.response().headers();
    headers.set("Content-Security-Policy", PAGE_POLICY);
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("X-Frame-Options", "DENY");
    ctx.next();
  }
}
