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
import java.util.concurrent.TimeUnit;

/**
 * The gateway's requests to services, sent so that a node going away costs no request that could be saved:
 * <ul>
 *   <li>a request no handler took (a node draining, or a subscription not yet gone everywhere) is sent once more,
 *       whatever its method: no service has seen it;</li>
 *   <li>a read (GET, HEAD) that could not be delivered, or was in flight when a member left the cluster, is sent
 *       again (twice at most), to whichever node now serves the address;</li>
 *   <li>a write in flight when a member left without draining (killed, vanished) that is still unanswered
 *       {@code failoverTimeout} later fails as {@link MemberLeftException} (503 with Retry-After: the node holding it
 *       is presumed gone, and a write is never sent twice by the gateway); a member that drained held none.</li>
 * </ul>
 * For a while after a member left, the cluster's routing may still name it (each node forgets its subscriptions a
 * moment later): requests sent then are watched the same way, a read sent again and a write failed when unanswered
 * after {@code failoverTimeout}.
 * One instance per gateway verticle, used on its event loop only.
 */
final class FailoverRequests {

  /** Time for the cluster's routing to forget a node that is leaving before a request is sent again. */
  private static final long RESEND_DELAY_MS = 100;
  /**
   * A read may be sent twice more: the routing can still name a lost node for a moment after it left, so the first
   * resend may meet it too. A write is sent again only when no handler took it (once).
   */
  private static final int READ_RESENDS = 2;

  private final Vertx vertx;
  private final long failoverTimeoutMillis;
  private final Set<Pending> pending = new HashSet<>();
  private long memberLeftAt = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
  private long memberCrashedAt = memberLeftAt;

  FailoverRequests(Vertx vertx, long failoverTimeoutMillis) {
    this.vertx = vertx;
    this.failoverTimeoutMillis = failoverTimeoutMillis;
    vertx.eventBus().<JsonObject>localConsumer(NodeStatus.MEMBER_LEFT,
      left -> memberLeft(left.body() != null && left.body().getBoolean("drained", false)));
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
    if (within(call.read ? memberLeftAt : memberCrashedAt)) {
      watch(call, attempt);
    }
    vertx.eventBus().<JsonObject>request(call.address, call.envelope, call.delivery).onComplete(done -> {
      if (call.answer.future().isComplete()) {
        return;
      }
      if (done.succeeded()) {
        finish(call).complete(done.result());
      } else if (attempt == call.sent) { // the failure of an attempt already superseded is no news
        if (worthResending(call, done.cause())) {
          call.resends++;
          vertx.setTimer(RESEND_DELAY_MS, t -> send(call));
        } else {
          finish(call).fail(done.cause());
        }
      }
    });
  }

  private static boolean worthResending(Pending call, Throwable failure) {
    if (failure instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return call.resends < (call.read ? READ_RESENDS : 1);
      }
      return reply.failureType() == ReplyFailure.ERROR && call.read && call.resends < READ_RESENDS;
    }
    return false;
  }

  /** @param drained whether the member said it had drained: it held no work, so writes in flight are not its */
  private void memberLeft(boolean drained) {
    memberLeftAt = System.nanoTime();
    if (!drained) {
      memberCrashedAt = memberLeftAt;
    }
    List<Pending> affected = new ArrayList<>(pending);
    for (Pending call : affected) {
      if (call.read) {
        resend(call);
      } else if (!drained) {
        watch(call, call.sent);
      }
    }
  }

  private boolean within(long since) {
    return System.nanoTime() - since < TimeUnit.MILLISECONDS.toNanos(2 * failoverTimeoutMillis);
  }

  /** Sends a read once more, within its resends; the attempt in flight is superseded (its answer still counts). */
  private void resend(Pending call) {
    if (call.resends >= READ_RESENDS) {
      return;
    }
    call.resends++;
    call.sent++;
    vertx.setTimer(RESEND_DELAY_MS, t -> {
      if (!call.answer.future().isComplete()) {
        send(call);
      }
    });
  }

  /** Unanswered after failoverTimeout, this attempt is presumed lost with its node: a read is sent again, a write fails. */
  private void watch(Pending call, int attempt) {
    vertx.setTimer(failoverTimeoutMillis, t -> {
      if (call.answer.future().isComplete() || attempt != call.sent) {
        return;
      }
      if (call.read) {
        resend(call);
      } else {
        finish(call).fail(new MemberLeftException());
      }
    });
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
    private int resends;

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
