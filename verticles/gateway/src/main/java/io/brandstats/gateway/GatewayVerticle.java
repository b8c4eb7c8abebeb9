package io.brandstats.gateway;

import io.brandstats.common.Meters;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The single public entry. Loads the contract, builds the router from it, and listens; requests are
 * validated against the contract before any service sees them. One instance per core shares the port.
 */
public final class GatewayVerticle extends VerticleBase {

  private HttpServer server;
  private GatewayGuards guards;
  private long shutdownSeconds;

  @Override
  public Future<?> start() {
    JsonObject http = config().getJsonObject("http", new JsonObject());
    JsonObject gateway = config().getJsonObject("gateway", new JsonObject());
    List<String> services = config().getJsonArray("services", new JsonArray()).stream().map(String::valueOf).toList();
    String contractPath = gateway.getString("contract", "");
    shutdownSeconds = http.getLong("shutdownTimeout", 10L);

    HealthHandlers health = new HealthHandlers(vertx, services);
    guards = new GatewayGuards(vertx, config());
    MeterRegistry meters = Meters.of(config());
    return ContractLoader.read(vertx, contractPath)
      .compose(file -> ContractLoader.parse(vertx, file).map(contract -> Map.entry(contract, file)))
      .compose(loaded -> {
        Buffer contractFile = loaded.getValue();
        Map<String, Handler<RoutingContext>> gatewayOperations = Map.of(
          "getLiveness", health::live,
          "getReadiness", health::ready,
          "getMetrics", MetricsEndpoint.of(meters),
          "getContract", ctx -> ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
            .end(contractFile));
        var router = ContractRouter.build(vertx, loaded.getKey(), gatewayOperations,
          http.getLong("bodyLimit", 1_048_576L), gateway.getLong("requestTimeout", 5_000L), guards, meters);
        server = guards.attach(vertx.createHttpServer(guards.serverOptions()));
        return server.requestHandler(router).listen();
      });
  }

  /** Stops accepting, lets in-flight requests finish (up to http.shutdownTimeout), then closes. */
  @Override
  public Future<?> stop() {
    if (guards != null) {
      guards.close();
    }
    return server == null ? Future.succeededFuture() : server.shutdown(shutdownSeconds, TimeUnit.SECONDS);
  }
}
