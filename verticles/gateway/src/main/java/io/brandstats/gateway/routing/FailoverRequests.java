package io.brandstats.gateway.routing;

import io.brandstats.common.NodeStatus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The gateway's requests to services, sent so that a node going away costs no request that could be saved:
 * <ul>
 *   <li>a request no handler took (a node draining, or a subscription not yet gone everywhere) is sent once more,
 *       whatever its method: no service has seen it;</li>
 *   <li>a read (GET, HEAD) that could not be delivered, or was in flight when a member left the cluster, is sent
 *       once more, to whichever node now serves the address;</li>
 *   <li>a write in flight when a member left that is still unanswered {@code failoverTimeout} later fails as
 *       {@link MemberLeftException} (503 with Retry-After: the node holding it is presumed gone, and a write is
 *       never sent twice by the gateway).</li>
 * </ul>
 * One instance per gateway verticle, used on its event loop only.
 */
final class FailoverRequests {

  /** Time for the cluster's routing to forget a node that is leaving before a request is sent again. */
  private static final long RESEND_DELAY_MS = 100;

  private final Vertx vertx;
  private final long failoverTimeoutMillis;
  private final Set<Pending> pending = new HashSet<>();

  FailoverRequests(Vertx vertx, long failoverTimeoutMillis) {
    this.vertx = vertx;
    this.failoverTimeoutMillis = failoverTimeoutMillis;
    vertx.eventBus().localConsumer(NodeStatus.MEMBER_LEFT, left -> memberLeft());
  }

  /** The service's reply; a failure as the event bus reports it, or {@link MemberLeftException}. */
  Future<Message<JsonObject>> request(String address, JsonObject envelope, DeliveryOptions delivery, boolean read) {
    Pending call = new Pending(address, envelope, delivery, read, Promise.promise());
    send(call);
    return call.answer.future();
  }

  private void send(Pending call) {
    int attempt = ++call.sent;
    pending.add(call);
    vertx.eventBus().<JsonObject>request(call.address, call.envelope, call.delivery).onComplete(done -> {
      if (call.answer.future().isComplete()) {
        return;
      }
      if (done.succeeded()) {
        finish(call).complete(done.result());
      } else if (attempt == call.sent) { // the failure of an attempt already superseded is no news
        if (!call.resent && worthResending(call, done.cause())) {
          call.resent = true;
          vertx.setTimer(RESEND_DELAY_MS, t -> send(call));
        } else {
          finish(call).fail(done.cause());
        }
      }
    });
  }

  private static boolean worthResending(Pending call, Throwable failure) {
    if (failure instanceof ReplyException reply) {
      return reply.failureType() == ReplyFailure.NO_HANDLERS || call.read && reply.failureType() == ReplyFailure.ERROR;
    }
    return false;
  }

  private void memberLeft() {
    List<Pending> affected = new ArrayList<>(pending);
    for (Pending call : affected) {
      if (call.read && !call.resent) {
        call.resent = true;
        call.sent++; // supersedes the attempt in flight: its failure is ignored, its answer still taken if first
        vertx.setTimer(RESEND_DELAY_MS, t -> {
          if (!call.answer.future().isComplete()) {
            send(call);
          }
        });
      } else if (!call.read) {
        vertx.setTimer(failoverTimeoutMillis, t -> {
          if (!call.answer.future().isComplete()) {
            finish(call).fail(new MemberLeftException());
          }
        });
      }
    }
  }

  private Promise<Message<JsonObject>> finish(Pending call) {
    pending.remove(call);
    return call.answer;
  }

  /** A write that was in flight when a member left, unanswered since. */
  static final class MemberLeftException extends RuntimeException {
    MemberLeftException() {
      super("a cluster member left while the request was in flight", null, false, false);
    }
  }

  private static final class Pending {
    private final String address;
    private final JsonObject envelope;
    private final DeliveryOptions delivery;
    private final boolean read;
    private final Promise<Message<JsonObject>> answer;
    private int sent;
    private boolean resent;

    private Pending(String address, JsonObject envelope, DeliveryOptions delivery, boolean read,
                    Promise<Message<JsonObject>> answer) {
      this.address = address;
      this.envelope = envelope;
      this.delivery = delivery;
      this.read = read;
      this.answer = answer;
    }
  }
}
