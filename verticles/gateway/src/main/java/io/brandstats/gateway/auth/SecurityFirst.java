package io.brandstats.gateway.auth;

import io.brandstats.gateway.observability.HttpMeters;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs each operation's security check before the router validates the request against the contract,
 * so 401/403 come before 400: a root handler that finds the operation by method and path template.
 */
public final class SecurityFirst implements Handler<RoutingContext> {

  private record Guard(HttpMethod method, Pattern path, String template, Handler<RoutingContext> check) {
  }

  private final List<Guard> guards = new ArrayList<>();

  public void guard(Operation operation, Path path, Handler<RoutingContext> check) {
    // A route for /x also answers /x/, so the guard covers both.
    Pattern template = Pattern.compile(path.getName().replaceAll("\\{[^}]+}", "[^/]+") + "/?");
    guards.add(new Guard(HttpMethod.valueOf(operation.getHttpMethod().name()), template, path.getName(), check));
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    for (Guard guard : guards) {
      if (guard.method().equals(ctx.request().method()) && guard.path().matcher(path).matches()) {
        // A refusal here comes before the operation's route: the HTTP meters still label it by its template.
        ctx.put(HttpMeters.ROUTE, guard.template());
        guard.check().handle(ctx);
        return;
      }
    }
    ctx.next();
  }
}
