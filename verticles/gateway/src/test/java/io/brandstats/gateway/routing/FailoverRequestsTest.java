package io.brandstats.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.NodeStatus;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's requests when nodes go away, on one Vert.x: a consumer that never answers stands for a node that
 * died holding the request, a consumer registered late for one that is still joining the routing.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Requests to services fail over when a node goes away")
class FailoverRequestsTest {

  private static final DeliveryOptions FIVE_SECONDS = new DeliveryOptions().setSendTimeout(5000);

  @Test
  @DisplayName("a write no handler took is sent once more and answered by the handler that is there by then")
  void undeliveredWriteIsSentAgain(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    FailoverRequests requests = on(context, () -> new FailoverRequests(vertx, 1000));
    Future<Message<JsonObject>> answer = on(context, () -> requests.request("late.service", new JsonObject(), FIVE_SECONDS, false));
    Thread.sleep(30);
    vertx.eventBus().<JsonObject>consumer("late.service", message -> message.reply(new JsonObject().put("ok", true)));
    assertThat(answer.toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS).body().getBoolean("ok")).isTrue();
  }

  @Test
  @DisplayName("a read in flight when a member leaves is sent again at once and answered well before the request timeout")
  void readInFlightIsSentAgain(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    FailoverRequests requests = on(context, () -> new FailoverRequests(vertx, 1000));
    MessageConsumer<JsonObject> dead = vertx.eventBus().consumer("read.service", message -> { });
    dead.completion().await();
    long sent = System.nanoTime();
    Future<Message<JsonObject>> answer = on(context, () -> requests.request("read.service", new JsonObject(), FIVE_SECONDS, true));
    Thread.sleep(200);
    dead.unregister().await();
    vertx.eventBus().<JsonObject>consumer("read.service", message -> message.reply(new JsonObject().put("ok", true)))
      .completion().await();
    vertx.eventBus().publish(NodeStatus.MEMBER_LEFT, new JsonObject().put("member", "gone").put("drained", false),
      new DeliveryOptions().setLocalOnly(true));
    assertThat(answer.toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS).body().getBoolean("ok")).isTrue();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent)).isLessThan(1500);
  }

  @Test
  @DisplayName("a write in flight when a member leaves is never sent twice: unanswered a failover timeout later, it fails as member left")
  void writeInFlightFailsAfterFailoverTimeout(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    FailoverRequests requests = on(context, () -> new FailoverRequests(vertx, 300));
    AtomicInteger received = new AtomicInteger();
    vertx.eventBus().<JsonObject>consumer("write.service", message -> received.incrementAndGet()).completion().await();
    long sent = System.nanoTime();
    Future<Message<JsonObject>> answer = on(context, () -> requests.request("write.service", new JsonObject(), FIVE_SECONDS, false));
    Thread.sleep(100);
    vertx.eventBus().publish(NodeStatus.MEMBER_LEFT, new JsonObject().put("member", "gone").put("drained", false),
      new DeliveryOptions().setLocalOnly(true));
    CompletableFuture<Message<JsonObject>> outcome = answer.toCompletionStage().toCompletableFuture();
    Throwable failure = outcome.handle((ok, error) -> error).get(2, TimeUnit.SECONDS);
    assertThat(failure).isInstanceOf(FailoverRequests.MemberLeftException.class);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent)).isBetween(400L, 1500L);
    assertThat(received.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("right after a member left, a write sent to a node the routing still names fails as member left, not after the request timeout")
  void writeSentJustAfterMemberLeftIsWatched(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    FailoverRequests requests = on(context, () -> new FailoverRequests(vertx, 300));
    vertx.eventBus().<JsonObject>consumer("stale.service", message -> { }).completion().await();
    vertx.eventBus().publish(NodeStatus.MEMBER_LEFT, new JsonObject().put("member", "gone").put("drained", false),
      new DeliveryOptions().setLocalOnly(true));
    Thread.sleep(50);
    long sent = System.nanoTime();
    Future<Message<JsonObject>> answer = on(context, () -> requests.request("stale.service", new JsonObject(), FIVE_SECONDS, false));
    Throwable failure = answer.toCompletionStage().toCompletableFuture().handle((ok, error) -> error).get(2, TimeUnit.SECONDS);
    assertThat(failure).isInstanceOf(FailoverRequests.MemberLeftException.class);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent)).isLessThan(1500);
  }

  @Test
  @DisplayName("when a member that drained leaves, a write in flight is left to finish: it held none of them")
  void writeInFlightIsKeptWhenTheMemberDrained(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    FailoverRequests requests = on(context, () -> new FailoverRequests(vertx, 200));
    vertx.eventBus().<JsonObject>consumer("slow.service", message -> vertx.setTimer(600,
      t -> message.reply(new JsonObject().put("ok", true)))).completion().await();
    Future<Message<JsonObject>> answer = on(context, () -> requests.request("slow.service", new JsonObject(), FIVE_SECONDS, false));
    vertx.eventBus().publish(NodeStatus.MEMBER_LEFT, new JsonObject().put("member", "gone").put("drained", true),
      new DeliveryOptions().setLocalOnly(true));
    assertThat(answer.toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS).body().getBoolean("ok")).isTrue();
  }

  /** Runs on the gateway verticle's context, as the gateway does. */
  private static <T> T on(Context context, Supplier<T> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> result.complete(action.get()));
    return result.get(5, TimeUnit.SECONDS);
  }
}
