package io.brandstats.gateway.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.contract.SecurityScheme;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns each operation's {@code security} in the contract into the check the gateway runs before
 * forwarding it. Only the http bearer scheme has a handler; a contract naming any other scheme fails
 * start-up rather than leaving an operation unguarded.
 */
public final class OperationSecurity {

  private final OpenAPIContract contract;
  private final boolean readsRequireToken;

  public OperationSecurity(OpenAPIContract contract, boolean readsRequireToken) {
    this.contract = contract;
    this.readsRequireToken = readsRequireToken;
  }

  /**
   * The check for an operation, or null when it is public. An operation without security requirements
   * (or with an empty one) is public, unless reads require a token and a service serves it: the
   * gateway's own operations (health, the contract) stay public for probes and tools.
   */
  public Handler<RoutingContext> forOperation(Operation operation, boolean servedByService) {
    List<SecurityRequirement> requirements = operation.getSecurityRequirements();
    boolean anonymous = requirements == null || requirements.isEmpty()
      || requirements.stream().anyMatch(SecurityRequirement::isEmpty);
    if (anonymous) {
      return readsRequireToken && servedByService ? new BearerAuth(List.of(List.of())) : null;
    }
    List<List<String>> alternatives = new ArrayList<>();
    for (SecurityRequirement requirement : requirements) {
      List<String> roles = new ArrayList<>();
      for (String name : requirement.getNames()) {
        requireBearer(operation, name);
        roles.addAll(requirement.getScopes(name));
      }
      alternatives.add(roles);
    }
    return new BearerAuth(alternatives);
  }

  private void requireBearer(Operation operation, String schemeName) {
    SecurityScheme scheme = contract.securityScheme(schemeName);
    if (scheme == null || !"http".equals(scheme.getType()) || !"bearer".equalsIgnoreCase(scheme.getScheme())) {
      throw new IllegalStateException("Operation " + operation.getOperationId() + " requires security scheme '"
        + schemeName + "', which the gateway has no handler for (only http bearer)");
    }
  }
}
