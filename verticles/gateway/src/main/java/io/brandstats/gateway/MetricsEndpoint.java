package io.brandstats.gateway;

import io.brandstats.common.Problem;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * GET /metrics: the node's meters in the Prometheus text format (0.0.4). Scraping formats what the
 * registry holds in memory (a few hundred series, about a millisecond): no I/O on the event loop.
 */
final class MetricsEndpoint {

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private MetricsEndpoint() {
  }

  static Handler<RoutingContext> of(MeterRegistry registry) {
    if (registry instanceof PrometheusMeterRegistry prometheus) {
      return ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE).end(prometheus.scrape());
    }
    return ctx -> ProblemResponses.send(ctx, Problem.of(404, "Metrics are turned off on this node (metrics.enabled)."));
  }
}
