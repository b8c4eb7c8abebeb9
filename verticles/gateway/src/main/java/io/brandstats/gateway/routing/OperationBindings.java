package io.brandstats.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import java.util.Map;

/**
 * Which handler serves each contract operation: the service at the address its {@code x-vertx-event-bus}
 * extension names (on the operation, or inherited from its path), else the gateway itself. An operation
 * with neither fails start-up, so the contract and the running code cannot drift apart silently.
 */
public final class OperationBindings {

  static final String SERVICE_EXTENSION = "x-vertx-event-bus";

  private final Map<String, Handler<RoutingContext>> gatewayOperations;
  private final long serviceTimeoutMillis;
  private final FailoverRequests requests;

  /**
   * @param gatewayOperations     the operations the gateway serves itself, by operationId
   * @param serviceTimeoutMillis  how long a service has to answer before the client gets 504
   * @param failoverTimeoutMillis how long a write in flight when a cluster member left may still take before 503
   */
  public OperationBindings(Vertx vertx, Map<String, Handler<RoutingContext>> gatewayOperations, long serviceTimeoutMillis,
                           long failoverTimeoutMillis) {
    this.gatewayOperations = gatewayOperations;
    this.serviceTimeoutMillis = serviceTimeoutMillis;
    this.requests = new FailoverRequests(vertx, failoverTimeoutMillis);
  }

  /** The address serving an operation: its own extension, else its path's; a string or {"address": ..}; null: none. */
  public static String serviceAddress(Path path, Operation operation) {
    Object value = operation.getExtensions().get(SERVICE_EXTENSION);
    if (value == null) {
      value = path.getExtensions().get(SERVICE_EXTENSION);
    }
    if (value instanceof JsonObject object) {
      return object.getString("address");
    }
    return value == null ? null : value.toString();
  }

  /** The handler that answers the operation once its request is validated. */
  public Handler<RoutingContext> handlerFor(Operation operation, String serviceAddress) {
    String operationId = operation.getOperationId();
    Handler<RoutingContext> handler = serviceAddress != null
      ? new EventBusForwarder(requests, serviceAddress, operationId, serviceTimeoutMillis)
      : gatewayOperations.get(operationId);
    if (handler == null) {
      throw new IllegalStateException("Operation " + operationId + " names no " + SERVICE_EXTENSION
        + " address and the gateway does not serve it");
    }
    return handler;
  }
}
