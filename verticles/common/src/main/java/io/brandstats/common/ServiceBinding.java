package io.brandstats.common;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds a service's operations, by operationId, to the event-bus address the contract names for it.
 * One exit per outcome: a reply envelope on success, a {@link Problem} as the failure otherwise,
 * and an unexpected error becomes a 500 that is logged here and never leaves the process.
 */
public final class ServiceBinding {

  /** The operation the gateway uses to ask whether a service is ready (its database answers). */
  public static final String HEALTH_OPERATION = "_health";

  /** What a client is told to wait when the database is unreachable: about one reconnect attempt. */
  private static final int DATABASE_RETRY_SECONDS = 5;

  private static final Logger LOG = LoggerFactory.getLogger(ServiceBinding.class);

  private ServiceBinding() {
  }

  public static Future<MessageConsumer<JsonObject>> bind(Vertx vertx, String address,
                                                         Map<String, Function<ServiceRequest, Future<ServiceReply>>> operations) {
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(address, message -> dispatch(address, operations, message));
    return consumer.completion().map(consumer);
  }

  private static void dispatch(String address, Map<String, Function<ServiceRequest, Future<ServiceReply>>> operations,
                               Message<JsonObject> message) {
    // Each message is handled on a context of its own: the gateway's request id goes there for logs and calls.
    RequestIds.bind(message.headers().get(RequestIds.DELIVERY_HEADER));
    String operationId = message.headers().get(ServiceRequest.ACTION_HEADER);
    Function<ServiceRequest, Future<ServiceReply>> operation = operationId == null ? null : operations.get(operationId);
    if (operation == null) {
      LOG.error("{} has no operation '{}': the contract and the service disagree", address, operationId);
      fail(message, Problem.of(501, "This operation is not implemented by the service."));
      return;
    }
    Future<ServiceReply> reply;
    try {
      reply = operation.apply(new ServiceRequest(operationId, message.body()));
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    reply.onComplete(done -> {
      if (done.succeeded()) {
        message.reply(done.result().toJson());
      } else if (done.cause() instanceof ProblemException problem) {
        fail(message, problem.problem());
      } else if (SqlErrors.isUnavailable(done.cause())) {
        LOG.warn("{} {}: database unavailable: {}", address, operationId, done.cause().toString());
        fail(message, Problem.unavailable("The service's database is not reachable; retry shortly.", DATABASE_RETRY_SECONDS));
      } else {
        LOG.error("{} {} failed", address, operationId, done.cause());
        fail(message, Problem.internal());
      }
    });
  }

  private static void fail(Message<JsonObject> message, Problem problem) {
    message.fail(problem.status(), problem.toJson().encode());
  }
}
