package io.brandstats.gateway.routing;

import io.brandstats.gateway.problem.ProblemResponses;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A 405 names the methods the contract allows on that path (HEAD wherever GET is), as HTTP requires. */
public final class AllowedMethods {

  private final List<Map.Entry<Pattern, String>> paths = new ArrayList<>();

  public AllowedMethods(OpenAPIContract contract) {
    for (Path path : contract.getPaths()) {
      Pattern template = Pattern.compile(path.getName().replaceAll("\\{[^}]+}", "[^/]+"));
      String methods = path.getOperations().stream()
        .map(operation -> operation.getHttpMethod() == HttpMethod.GET ? "GET, HEAD" : operation.getHttpMethod().name())
        .collect(Collectors.joining(", "));
      paths.add(Map.entry(template, methods));
    }
  }

  /** The router's 405 error handler (it runs only for a method no route of that path takes). */
  public void methodNotAllowed(RoutingContext ctx) {
    String requested = ctx.request().path();
    paths.stream()
      .filter(entry -> entry.getKey().matcher(requested).matches())
      .findFirst()
      .ifPresent(entry -> ctx.response().putHeader(HttpHeaders.ALLOW, entry.getValue()));
    ProblemResponses.handleFailure(ctx);
  }
}
