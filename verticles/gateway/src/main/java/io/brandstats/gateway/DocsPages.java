package io.brandstats.gateway;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Swagger UI at /docs, from the jar (no CDN): our page and initializer, pointed at /openapi.yaml,
 * then the WebJar's own files.
 */
final class DocsPages {

  /** The folder of the swagger-ui WebJar; its version is swagger-ui.version in the parent POM. */
  static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/5.34.1";

  private DocsPages() {
  }

  static void mount(Router router) {
    // Relative links need the trailing slash; the router matches "/docs" and "/docs/" alike.
    router.get("/docs").handler(ctx -> {
      if (ctx.request().path().equals("/docs")) {
        ctx.redirect("/docs/");
      } else {
        ctx.next();
      }
    });
    router.route("/docs/*")
      .handler(StaticHandler.create("webroot/docs").setCachingEnabled(true))
      .handler(StaticHandler.create(SWAGGER_UI).setCachingEnabled(true).setMaxAgeSeconds(86_400));
  }
}
