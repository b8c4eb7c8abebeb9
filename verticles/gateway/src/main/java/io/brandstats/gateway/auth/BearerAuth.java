package io.brandstats.gateway.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The check for the contract's http bearer scheme on one operation: the request's token must be
 * valid and, when the operation's security requirement lists roles, carry one set of them (each
 * requirement is an alternative; within one, every role is needed, as OpenAPI reads them).
 */
final class BearerAuth implements Handler<RoutingContext> {

  private final List<List<String>> alternatives;

  /** @param alternatives the roles each acceptable requirement needs; one empty list = any valid token */
  BearerAuth(List<List<String>> alternatives) {
    this.alternatives = alternatives;
  }

  @Override
  public void handle(RoutingContext ctx) {
    AccessTokens.Token token = AccessTokens.of(ctx);
    switch (token.presence()) {
      case NONE -> BearerChallenge.missing(ctx);
      case EXPIRED -> BearerChallenge.expired(ctx);
      case INVALID -> BearerChallenge.invalid(ctx);
      case VALID -> {
        if (alternatives.stream().anyMatch(token.roles()::containsAll)) {
          ctx.next();
        } else {
          BearerChallenge.insufficient(ctx, alternatives.get(0));
        }
      }
    }
  }
}
