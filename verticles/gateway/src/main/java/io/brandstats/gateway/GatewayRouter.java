package io.brandstats.gateway;

import io.brandstats.gateway.auth.AccessTokens;
import io.brandstats.gateway.auth.OperationSecurity;
import io.brandstats.gateway.browser.ConfiguredOrigins;
import io.brandstats.gateway.browser.SecurityHeaders;
import io.brandstats.gateway.limits.ClientRateLimits;
import io.brandstats.gateway.limits.HeadLimits;
import io.brandstats.gateway.observability.HttpMeters;
import io.brandstats.gateway.observability.RequestIdHandler;
import io.brandstats.gateway.observability.RouteSpanName;
import io.brandstats.gateway.pages.DocsPages;
import io.brandstats.gateway.problem.ProblemResponses;
import io.brandstats.gateway.routing.AllowedMethods;
import io.brandstats.gateway.routing.OperationBindings;
import io.brandstats.gateway.routing.UrlEncodingCheck;
import io.brandstats.gateway.vertxopenapi.ContractValidation;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;

/**
 * Builds the gateway's router from the contract alone: the handlers every request passes, one route per
 * contract operation (its security check, the contract's validation, then the handler that serves it), the
 * pages, and a problem+json answer for whatever no route takes.
 */
final class GatewayRouter {

  private static final int[] FRAMEWORK_ERRORS = {400, 404, 405, 413, 415, 500};

  /**
   * What every request passes before its operation's route, in the order it passes them.
   *
   * @param meters     the HTTP meters; null when metrics are off
   * @param origins    CORS for the configured origins; null when none is configured
   * @param bodyLimit  the largest body accepted, in bytes (larger: 413)
   * @param rateLimits the per-client limits, skipped when none is on
   */
  record EveryRequest(HttpMeters meters, HeadLimits head, ConfiguredOrigins origins, long bodyLimit,
                      AccessTokens tokens, ClientRateLimits rateLimits) {
  }

  private GatewayRouter() {
  }

  static Router build(Vertx vertx, OpenAPIContract contract, EveryRequest every, OperationSecurity security,
                      OperationBindings bindings) {
    ContractValidation validation = new ContractValidation(vertx, contract);
    RouterBuilder builder = validation.routerBuilder(vertx);
    addRootHandlers(builder, every);
    for (Path path : contract.getPaths()) {
      for (Operation operation : path.getOperations()) {
        String address = OperationBindings.serviceAddress(path, operation);
        Handler<RoutingContext> serve = bindings.handlerFor(operation, address);
        OpenAPIRoute route = builder.getRoute(operation.getOperationId());
        Handler<RoutingContext> spanName = RouteSpanName.forOperation(vertx, operation);
        if (spanName != null) {
          route.addHandler(spanName); // first, so even a refusal's span is named by its route
        }
        // The operation's security requirement is enforced by the gateway's own check, read from the same
        // contract, so 401/403 are problem+json with an RFC 6750 challenge; the builder's own is off. It runs
        // first on the route: who may call comes before whether the request is well formed, so a caller
        // without the right token learns nothing from validation errors.
        route.setDoSecurity(false);
        Handler<RoutingContext> check = security.forOperation(operation, address != null);
        if (check != null) {
          route.addHandler(check);
        }
        // The contract's validation, run by the gateway's validator instead of the builder's.
        route.setDoValidation(false);
        route.addHandler(validation.handler(operation)).addHandler(serve)
          .addFailureHandler(ProblemResponses::handleFailure);
      }
    }
    Router router = builder.createRouter();
    nameRoutesByTemplate(router);
    DocsPages.mount(vertx, router, SecurityHeaders::pages);
    AllowedMethods allowed = new AllowedMethods(contract);
    for (int status : FRAMEWORK_ERRORS) {
      router.errorHandler(status, status == 405 ? allowed::methodNotAllowed : ProblemResponses::handleFailure);
    }
    return router;
  }

  /**
   * In this order: the request id and meters (so every answer is logged and counted), the head deadline and
   * browser policy (Vert.x Web runs these platform and policy handlers before the body), the body, then who is
   * asking and whether they may ask now.
   */
  private static void addRootHandlers(RouterBuilder builder, EveryRequest every) {
    builder.rootHandler(new RequestIdHandler());
    if (every.meters() != null) {
      builder.rootHandler(every.meters());
    }
    builder.rootHandler(every.head().headArrived());
    if (every.origins() != null) {
      builder.rootHandler(every.origins());
    }
    builder.rootHandler(BodyHandler.create(false).setBodyLimit(every.bodyLimit()));
    builder.rootHandler(UrlEncodingCheck::handle);
    builder.rootHandler(every.tokens()::handle);
    if (every.rateLimits().active()) {
      builder.rootHandler(every.rateLimits()::handle);
    }
  }

  /**
   * Names each operation's route by its contract path, e.g. {@code /brands/{id}}: HTTP metrics are labelled
   * with route names, so their series stay one per operation, never one per id asked for. A GET route also
   * takes HEAD (HTTP requires HEAD wherever GET is): it runs as the GET, and Vert.x sends the answer's status
   * and headers without its body.
   */
  private static void nameRoutesByTemplate(Router router) {
    for (Route route : router.getRoutes()) {
      if (route.metadata().get(RouterBuilder.KEY_META_DATA_OPERATION) instanceof Operation operation) {
        route.setName(operation.getOpenAPIPath());
        if (operation.getHttpMethod() == HttpMethod.GET) {
          route.method(HttpMethod.HEAD);
        }
      }
    }
  }
}
