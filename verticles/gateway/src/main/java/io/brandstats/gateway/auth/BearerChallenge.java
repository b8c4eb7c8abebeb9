package io.brandstats.gateway.auth;

import io.brandstats.common.Problem;
import io.brandstats.gateway.problem.ProblemResponses;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The answers of RFC 6750 when a bearer token is missing, unusable or short of a role: 401 or 403
 * problem+json with a {@code WWW-Authenticate: Bearer} challenge whose {@code error} says which.
 */
final class BearerChallenge {

  private static final String REALM = "Bearer realm=\"brandstats\"";

  private BearerChallenge() {
  }

  static void missing(RoutingContext ctx) {
    send(ctx, REALM, Problem.of(401, "This operation needs a bearer token (Authorization: Bearer <JWT>)."));
  }

  static void expired(RoutingContext ctx) {
    send(ctx, REALM + ", error=\"invalid_token\", error_description=\"The token has expired\"",
      Problem.of(401, "The bearer token has expired; get a new one."));
  }

  static void invalid(RoutingContext ctx) {
    send(ctx, REALM + ", error=\"invalid_token\", error_description=\"The token is not accepted\"",
      Problem.of(401, "The bearer token is not accepted: its signature, key or format does not verify."));
  }

  static void insufficient(RoutingContext ctx, List<String> roles) {
    String needed = String.join(" ", roles);
    send(ctx, REALM + ", error=\"insufficient_scope\", scope=\"" + needed + "\"",
      Problem.of(403, "The bearer token does not carry the role this operation needs: " + needed + "."));
  }

  private static void send(RoutingContext ctx, String challenge, Problem problem) {
    ctx.response().putHeader("WWW-Authenticate", challenge);
    ProblemResponses.send(ctx, problem);
  }
}
