package io.brandstats.gateway.pages;

import io.brandstats.common.Problem;
import io.brandstats.gateway.problem.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * GET /metrics: the node's meters in the Prometheus text format (0.0.4). Formatting a scrape (about 540
 * series, 30 KB) took 20 to 140 ms on a loaded two-core machine, so it runs on a worker thread, never on
 * the event loop that serves requests.
 */
final class MetricsEndpoint {

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private MetricsEndpoint() {
  }

  static Handler<RoutingContext> of(MeterRegistry registry) {
    if (registry instanceof PrometheusMeterRegistry prometheus) {
      return ctx -> ctx.vertx().executeBlocking(prometheus::scrape, false).onComplete(scraped -> {
        if (scraped.succeeded()) {
          ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE).end(scraped.result());
        } else {
          ctx.fail(scraped.cause());
        }
      });
    }
    return ctx -> ProblemResponses.send(ctx, Problem.of(404, "Metrics are turned off on this node (metrics.enabled)."));
  }
}
