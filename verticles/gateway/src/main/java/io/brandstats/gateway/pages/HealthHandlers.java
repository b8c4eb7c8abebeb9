package io.brandstats.gateway.pages;

import io.brandstats.common.NodeStatus;
import io.brandstats.common.ServiceBinding;
import io.brandstats.common.ServiceReply;
import io.brandstats.common.ServiceRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Liveness says the process serves HTTP; readiness asks every service this gateway serves whether
 * its database answers (in a cluster, wherever the service runs), is 200 only when all of them do,
 * and shows this node: the services it runs and its cluster membership. A node that is stopping is
 * {@code DRAINING} (503) without asking anyone.
 */
final class HealthHandlers {

  private static final long CHECK_TIMEOUT_MS = 2000;

  private final Vertx vertx;
  private final List<String> services;
  private final DeliveryOptions delivery = new DeliveryOptions()
    .addHeader(ServiceRequest.ACTION_HEADER, ServiceBinding.HEALTH_OPERATION)
    .setSendTimeout(CHECK_TIMEOUT_MS);

  /** @param services the services this gateway serves; each answers on {@code <name>.service} */
  HealthHandlers(Vertx vertx, List<String> services) {
    this.vertx = vertx;
    this.services = services;
  }

  void live(RoutingContext ctx) {
    json(ctx, 200, new JsonObject().put("status", "UP"));
  }

  void ready(RoutingContext ctx) {
    Future<JsonObject> node = nodeStatus();
    node.onComplete(status -> {
      if (status.succeeded() && status.result().getBoolean("draining", false)) {
        // Stopping: 503 at once, whatever the services say, so a load balancer takes this node out now.
        json(ctx, 503, new JsonObject().put("status", "DRAINING").put("node", status.result()));
      } else {
        checkServices(ctx, node);
      }
    });
  }

  private void checkServices(RoutingContext ctx, Future<JsonObject> node) {
    List<Future<JsonObject>> checks = services.stream().map(this::check).toList();
    Future.join(checks).onComplete(all -> {
      JsonArray results = new JsonArray();
      boolean up = true;
      for (Future<JsonObject> check : checks) {
        results.add(check.result());
        up &= "UP".equals(check.result().getString("status"));
      }
      JsonObject body = new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", results);
      if (node.succeeded()) {
        body.put("node", node.result());
      }
      json(ctx, up ? 200 : 503, body);
    });
  }

  /** What the launcher says of this node; absent when nothing answers (a gateway deployed on its own). */
  private Future<JsonObject> nodeStatus() {
    return vertx.eventBus().<JsonObject>request(NodeStatus.ADDRESS, null, new DeliveryOptions().setLocalOnly(true)
      .setSendTimeout(CHECK_TIMEOUT_MS)).map(reply -> reply.body());
  }

  private Future<JsonObject> check(String service) {
    JsonObject result = new JsonObject().put("id", service);
    return vertx.eventBus().<JsonObject>request(service + ".service", new JsonObject(), delivery)
      .map(reply -> result.put("status", "UP").put("data", ServiceReply.body(reply.body())))
      .otherwise(failure -> result.put("status", "DOWN").put("data", new JsonObject().put("reason", reason(failure))));
  }

  /** A fixed word, never internals: deployed nowhere, too slow, or answering with a failure (e.g. its database). */
  private static String reason(Throwable failure) {
    if (failure instanceof ReplyException reply) {
      return switch (reply.failureType()) {
        case NO_HANDLERS -> "not-deployed";
        case TIMEOUT -> "timeout";
        default -> "failing";
      };
    }
    return "failing";
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.toBuffer());
  }
}
