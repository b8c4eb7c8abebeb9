package io.brandstats.gateway;

import io.brandstats.common.Meters;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds the gateway's router from the contract alone. Each operation is either forwarded to the
 * service address its {@code x-vertx-event-bus} extension names (on the operation, or inherited from
 * its path) or served by the gateway itself; an operation with neither fails start-up, so the contract
 * and the running code cannot drift apart silently.
 */
final class ContractRouter {

  static final String SERVICE_EXTENSION = "x-vertx-event-bus";
  private static final int[] FRAMEWORK_ERRORS = {400, 404, 405, 413, 415, 500};

  private ContractRouter() {
  }

  static Router build(Vertx vertx, OpenAPIContract contract, Map<String, Handler<RoutingContext>> gatewayOperations,
                      long bodyLimit, long serviceTimeoutMillis, GatewayGuards guards, MeterRegistry meters) {
    OpenAPIContract validatedBy = ReusedValidators.of(contract);
    SingleDecodingExtractor extractor = new SingleDecodingExtractor();
    RouterBuilder builder = RouterBuilder.create(vertx, validatedBy, extractor);
    InlineRequestValidator validator = new InlineRequestValidator(vertx, validatedBy);
    builder.rootHandler(new RequestIdHandler());
    if (meters != Meters.NONE) {
      builder.rootHandler(HttpMeters.of(vertx, meters));
    }
    guards.addPlatformHandlers(builder);
    builder.rootHandler(BodyHandler.create(false).setBodyLimit(bodyLimit));
    builder.rootHandler(UrlEncodingCheck::handle);
    guards.addClientHandlers(builder);
    // Who may call comes before whether the request is well formed: a caller without the right token
    // learns nothing from validation errors.
    SecurityFirst securityFirst = new SecurityFirst();
    builder.rootHandler(securityFirst);
    for (Path path : contract.getPaths()) {
      for (Operation operation : path.getOperations()) {
        String operationId = operation.getOperationId();
        String address = serviceAddress(path, operation);
        Handler<RoutingContext> handler = address != null
          ? new EventBusForwarder(vertx, address, operationId, serviceTimeoutMillis)
          : gatewayOperations.get(operationId);
        if (handler == null) {
          throw new IllegalStateException("Operation " + operationId + " names no " + SERVICE_EXTENSION
            + " address and the gateway does not serve it");
        }
        OpenAPIRoute route = builder.getRoute(operationId);
        // The operation's security requirement is enforced by the gateway's own check, read from the same
        // contract, so 401/403 are problem+json with an RFC 6750 challenge; the builder's own is off.
        route.setDoSecurity(false);
        Handler<RoutingContext> security = guards.security(contract, operation, address != null);
        if (security != null) {
          securityFirst.guard(operation, path, security);
        }
        // The contract's validation, run by the gateway's validator instead of the builder's (see InlineRequestValidator).
        route.setDoValidation(false);
        route.addHandler(validator.handler(extractor, operation)).addHandler(handler)
          .addFailureHandler(ProblemResponses::handleFailure);
      }
    }
    Router router = builder.createRouter();
    nameRoutesByTemplate(router);
    DocsPages.mount(router, SecurityHeaders::pages);
    AllowedMethods allowed = new AllowedMethods(contract);
    for (int status : FRAMEWORK_ERRORS) {
      router.errorHandler(status, status == 405 ? allowed::methodNotAllowed : ProblemResponses::handleFailure);
    }
    return router;
  }

  /**
   * Names each operation's route by its contract path, e.g. {@code /brands/{id}}: HTTP metrics are labelled
   * with route names, so their series stay one per operation, never one per id asked for.
   */
  private static void nameRoutesByTemplate(Router router) {
    for (Route route : router.getRoutes()) {
      if (route.metadata().get(RouterBuilder.KEY_META_DATA_OPERATION) instanceof Operation operation) {
        route.setName(operation.getOpenAPIPath());
      }
    }
  }

  /** The address serving an operation: its own extension, else its path's; a string or {"address": ..}. */
  static String serviceAddress(Path path, Operation operation) {
    Object value = operation.getExtensions().get(SERVICE_EXTENSION);
    if (value == null) {
      value = path.getExtensions().get(SERVICE_EXTENSION);
    }
    if (value instanceof JsonObject object) {
      return object.getString("address");
    }
    return value == null ? null : value.toString();
  }

  /** A 405 names the methods the contract allows on that path, as HTTP requires. */
  private static final class AllowedMethods {

    private final List<Map.Entry<Pattern, String>> paths = new ArrayList<>();

    AllowedMethods(OpenAPIContract contract) {
      for (Path path : contract.getPaths()) {
        Pattern template = Pattern.compile(path.getName().replaceAll("\\{[^}]+}", "[^/]+"));
        String methods = path.getOperations().stream()
          .map(operation -> operation.getHttpMethod().name())
          .collect(Collectors.joining(", "));
        paths.add(Map.entry(template, methods));
      }
    }

    void methodNotAllowed(RoutingContext ctx) {
      String requested = ctx.request().path();
      paths.stream()
        .filter(entry -> entry.getKey().matcher(requested).matches())
        .findFirst()
        .ifPresent(entry -> ctx.response().putHeader(HttpHeaders.ALLOW, entry.getValue()));
      ProblemResponses.handleFailure(ctx);
    }
  }
}
