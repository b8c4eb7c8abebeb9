package io.brandstats.gateway;

import io.brandstats.common.Meters;
import io.brandstats.gateway.auth.AccessTokens;
import io.brandstats.gateway.auth.OperationSecurity;
import io.brandstats.gateway.browser.ConfiguredOrigins;
import io.brandstats.gateway.limits.ClientRateLimits;
import io.brandstats.gateway.limits.HeadLimits;
import io.brandstats.gateway.live.LiveHub;
import io.brandstats.gateway.live.LiveStatsHandler;
import io.brandstats.gateway.observability.HttpMeters;
import io.brandstats.gateway.pages.GatewayOperations;
import io.brandstats.gateway.protocol.EveryAnswer;
import io.brandstats.gateway.protocol.ProtocolAnswers;
import io.brandstats.gateway.routing.OperationBindings;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.tracing.TracingPolicy;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The single public entry. Loads the contract, builds the router from it, and listens; requests are
 * validated against the contract before any service sees them. One instance per core shares the port.
 *
 * <p>Deployed with complete settings ({@code VerticleConfigs.gateway}: http, gateway, metrics, auth, limits, live,
 * services); every default is in config/brandstats.yaml, none here.
 */
public final class GatewayVerticle extends VerticleBase {

  private HttpServer server;
  private HeadLimits headLimits;
  private LiveHub live;
  private long shutdownSeconds;

  @Override
  public Future<?> start() {
    JsonObject http = config().getJsonObject("http");
    JsonObject gateway = config().getJsonObject("gateway");
    JsonObject auth = config().getJsonObject("auth");
    List<String> services = config().getJsonArray("services").stream().map(String::valueOf).toList();
    shutdownSeconds = http.getLong("shutdownTimeout");

    headLimits = new HeadLimits(vertx, http);
    live = new LiveHub(vertx, config().getJsonObject("live"));
    MeterRegistry meters = Meters.of(config());
    LiveStatsHandler liveStats = new LiveStatsHandler(vertx, live, config().getJsonObject("live"), meters);
    GatewayRouter.EveryRequest everyRequest = new GatewayRouter.EveryRequest(
      meters == Meters.NONE ? null : HttpMeters.of(vertx, meters),
      headLimits,
      ConfiguredOrigins.of(http.getJsonObject("cors").getJsonArray("origins")),
      http.getLong("bodyLimit"),
      AccessTokens.of(vertx, auth),
      ClientRateLimits.shared(vertx, config().getJsonObject("limits").getJsonObject("rate")));
    return live.start().compose(listening -> ContractLoader.read(vertx, gateway.getString("contract")))
      .compose(file -> ContractLoader.parse(vertx, file).map(contract -> GatewayRouter.build(vertx, contract,
        everyRequest,
        new OperationSecurity(contract, auth.getBoolean("readsRequireToken")),
        new OperationBindings(vertx, GatewayOperations.of(vertx, services, meters, file, liveStats),
          gateway.getLong("requestTimeout"), gateway.getLong("failoverTimeout")))))
      .compose(router -> {
        HttpServerOptions options = new HttpServerOptions()
          .setHost(http.getString("host"))
          .setPort(http.getInteger("port"))
          // With a tracer, every request gets a server span: in the caller's trace, or the first of a new one.
          .setTracingPolicy(TracingPolicy.ALWAYS);
        JsonObject compression = http.getJsonObject("compression");
        options.setCompressionSupported(compression.getBoolean("enabled"))
          .setCompressionContentSizeThreshold(compression.getInteger("minSize"))
          .setCompressionLevel(compression.getInteger("level"));
        server = vertx.createHttpServer(headLimits.applyTo(options)).connectionHandler(connection -> {
          headLimits.opened(connection);
          ProtocolAnswers.install(connection);
        });
        return server.requestHandler(EveryAnswer.around(router)).listen();
      });
  }

  /**
   * Ends the live streams (they would never finish by themselves), stops accepting, lets in-flight requests finish
   * (up to http.shutdownTimeout), then closes.
   */
  @Override
  public Future<?> stop() {
    if (headLimits != null) {
      headLimits.close();
    }
    Future<Void> streams = live == null ? Future.succeededFuture() : live.close();
    return streams.eventually(() -> server == null ? Future.succeededFuture()
      : server.shutdown(shutdownSeconds, TimeUnit.SECONDS));
  }
}
