package io.brandstats.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A live stream whose client does not read is dropped, never buffered without bound")
class LiveStreamTest {

  /** What a response was asked to do: the text written, whether it was reset. */
  private static final class Recorded {
    final List<String> written = new ArrayList<>();
    final AtomicBoolean queueFull = new AtomicBoolean();
    final AtomicBoolean reset = new AtomicBoolean();
  }

  /** A response that records its writes and reports its write queue as the test sets it. */
  private static RoutingContext context(Recorded recorded) {
    HttpServerResponse[] response = new HttpServerResponse[1];
    response[0] = (HttpServerResponse) Proxy.newProxyInstance(LiveStreamTest.class.getClassLoader(),
      new Class<?>[] {HttpServerResponse.class}, (proxy, method, args) -> switch (method.getName()) {
        case "write" -> {
          recorded.written.add(args[0].toString());
          yield Future.succeededFuture();
        }
        case "writeQueueFull" -> recorded.queueFull.get();
        case "reset" -> {
          recorded.reset.set(true);
          yield Future.succeededFuture();
        }
        case "setChunked", "putHeader" -> response[0];
        default -> throw new UnsupportedOperationException(method.getName());
      });
    return (RoutingContext) Proxy.newProxyInstance(LiveStreamTest.class.getClassLoader(), new Class<?>[] {RoutingContext.class},
      (proxy, method, args) -> {
        if (method.getName().equals("response")) {
          return response[0];
        }
        throw new UnsupportedOperationException(method.getName());
      });
  }

  private static LiveAggregate aggregate() {
    long now = System.currentTimeMillis();
    return LiveAggregate.of(new JsonObject().put("currency", "EUR").put("timeZone", "UTC").put("day", "2026-11-30")
      .put("dayStart", now - 60_000).put("dayEnd", now + 3_600_000).put("lastId", 0).put("recent", 8)
      .put("counted", Base64.getEncoder().encodeToString(new byte[1])).put("today", new JsonArray().add(0).add(0).add(0))
      .put("minutes", new JsonArray()));
  }

  @Test
  @DisplayName("events and heartbeats go out while the client reads; once its write queue is full the connection is reset and the stream forgotten")
  void slowClientIsDropped() {
    Recorded recorded = new Recorded();
    AtomicInteger closed = new AtomicInteger();
    LiveStream stream = new LiveStream(context(recorded), null, closed::incrementAndGet);
    LiveAggregate aggregate = aggregate();
    stream.send(aggregate, 1, System.currentTimeMillis());
    stream.heartbeat();
    assertThat(recorded.written).hasSize(2);
    assertThat(recorded.written.get(0)).startsWith("id: ").contains("\nevent: totals\ndata: {").endsWith("}\n\n");
    assertThat(recorded.written.get(1)).isEqualTo(": heartbeat\n\n");

    recorded.queueFull.set(true);
    stream.heartbeat();
    assertThat(recorded.reset).as("connection reset").isTrue();
    assertThat(closed.get()).as("stream forgotten").isEqualTo(1);
    recorded.queueFull.set(false);
    stream.send(aggregate, 2, System.currentTimeMillis());
    stream.heartbeat();
    assertThat(recorded.written).as("nothing more written").hasSize(2);
    assertThat(closed.get()).isEqualTo(1);
  }
}
