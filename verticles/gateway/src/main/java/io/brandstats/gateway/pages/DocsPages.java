package io.brandstats.gateway.pages;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The pages a person opens, served from the brandstats-web jar (its {@code webroot/} folder; no CDN):
 * Swagger UI at /docs (our page and initializer, pointed at /openapi.yaml, then the WebJar's files) and
 * the dashboard at /dashboard (plain ES modules using the public API, with Chart.js from its WebJar), and the
 * site's icon at /favicon.ico. Every file is revalidated on each load and gzipped for clients that accept it
 * ({@link PageAssets}).
 */
public final class DocsPages {

  /** The swagger-ui WebJar folder (brandstats-web depends on it); its version is swagger-ui.version in the parent POM. */
  static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/5.34.1";
  /** The Chart.js WebJar folder (brandstats-web depends on it); its version is chartjs.version in the parent POM. */
  static final String CHART_JS = "META-INF/resources/webjars/chart.js/4.5.1/dist";

  private DocsPages() {
  }

  /** @param pageHeaders headers every file of the pages carries (their security policy) */
  public static void mount(Vertx vertx, Router router, Handler<RoutingContext> pageHeaders) {
    page(router, "/docs", new PageAssets(vertx, "/docs", List.of("webroot/docs", SWAGGER_UI)), pageHeaders);
    page(router, "/dashboard", new PageAssets(vertx, "/dashboard", List.of("webroot/dashboard", CHART_JS)), pageHeaders);
    router.route("/favicon.ico").handler(pageHeaders).handler(new PageAssets(vertx, "", List.of("webroot")));
  }

  private static void page(Router router, String path, PageAssets files, Handler<RoutingContext> pageHeaders) {
    router.route(path + "*").handler(pageHeaders);
    // Relative links need the trailing slash; the router matches "/x" and "/x/" alike.
    router.get(path).handler(ctx -> {
      if (ctx.request().path().equals(path)) {
        ctx.redirect(path + "/");
      } else {
        ctx.next();
      }
    });
    router.route(path + "/*").handler(files);
  }
}
