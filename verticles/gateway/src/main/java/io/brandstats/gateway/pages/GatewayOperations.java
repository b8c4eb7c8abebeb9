package io.brandstats.gateway.pages;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/** The contract's operations the gateway answers itself (no x-vertx-event-bus), by operationId. */
public final class GatewayOperations {

  private GatewayOperations() {
  }

  /**
   * @param services     the services this gateway serves, asked by readiness
   * @param contractFile the contract as published, sent as it is at /openapi.yaml
   * @param live         GET /stats/live
   */
  public static Map<String, Handler<RoutingContext>> of(Vertx vertx, List<String> services, MeterRegistry meters,
                                                        Buffer contractFile, Handler<RoutingContext> live) {
    HealthHandlers health = new HealthHandlers(vertx, services);
    return Map.of(
      "getLiveness", health::live,
      "getReadiness", health::ready,
      "getMetrics", MetricsEndpoint.of(meters),
      "getLiveStats", live,
      "getContract", ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .end(contractFile));
  }
}
