package io.brandstats.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's live streams against a stand-in for the stats services on the event bus: snapshots answered by
 * the test, accepted sales published by the test.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Live streams on a gateway: the day's rollover and a missing stats service")
class LiveStreamsTest {

  private static final long HOUR = 3_600_000;

  /** A snapshot of zeros for a day that ends at {@code dayEnd}. */
  private static JsonObject snapshot(String day, long dayEnd) {
    return new JsonObject().put("currency", "EUR").put("timeZone", "UTC").put("day", day)
      .put("dayStart", dayEnd - 24 * HOUR).put("dayEnd", dayEnd).put("lastId", 0).put("ringStart", 0)
      .put("today", new JsonArray().add(0).add(0).add(0)).put("asOf", (Object) null).put("minutes", new JsonArray())
      .put("recent", 16_384).put("counted", Base64.getEncoder().encodeToString(new byte[2048]));
  }

  /** Everything the stream sent so far, as text. */
  private static StringBuilder open(Vertx vertx, int port, String query) {
    StringBuilder text = new StringBuilder();
    HttpClient client = vertx.createHttpClient();
    HttpClientResponse response = client.request(new RequestOptions().setHost("127.0.0.1").setPort(port)
        .setMethod(HttpMethod.GET).setURI("/stats/live?" + query).addHeader("Accept", "text/event-stream"))
      .compose(request -> request.send()).map(answer -> answer.handler(buffer -> { // on the event loop: nothing is missed
        synchronized (text) {
          text.append(buffer.toString());
        }
      })).await();
    assertThat(response.statusCode()).isEqualTo(200);
    return text;
  }

  private static void await(StringBuilder text, String expected) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      synchronized (text) {
        if (text.indexOf(expected) >= 0) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("The stream did not send " + expected + " within 10 s; it sent:\n" + text);
  }

  @Test
  @DisplayName("at the day's end every stream gets the new day's totals from a fresh snapshot; only matching sales count")
  void rollover(Vertx vertx) throws Exception {
    JsonObject config = TestGateway.config();
    TestGateway.deploy(vertx, config, List.of("stats"));
    AtomicInteger asked = new AtomicInteger();
    // The first day ends 3 s after its snapshot is read: long enough for the sale below, short for a test.
    MessageConsumer<JsonObject> stats = vertx.eventBus().consumer("stats.live.snapshot", message ->
      message.reply(asked.getAndIncrement() == 0 ? snapshot("2026-11-30", System.currentTimeMillis() + 3000)
        : snapshot("2026-12-01", System.currentTimeMillis() + 24 * HOUR)));
    stats.completion().await();

    StringBuilder stream = open(vertx, config.getJsonObject("http").getInteger("port"), "brandId=7");
    await(stream, "\"day\":\"2026-11-30\"");
    // [id, soldAtMs, brandId, productId, storeId, category, country, channel, currency, quantity, amount]
    JsonArray sale = new JsonArray().add(1).add(System.currentTimeMillis()).add(7).add(8).add(9).add("tents").add("DE")
      .add("retail").add("EUR").add(3).add("30.00");
    JsonArray otherBrand = sale.copy().set(0, 2).set(2, 70);
    vertx.eventBus().publish("stats.sales.accepted", new JsonArray().add(sale).add(otherBrand).encode());
    await(stream, "\"today\":{\"units\":3,\"revenue\":30.00,\"orders\":1}"); // the other brand's sale left out

    await(stream, "\"day\":\"2026-12-01\"");
    assertThat(asked.get()).isEqualTo(2);
    synchronized (stream) {
      String newDay = stream.substring(stream.indexOf("\"day\":\"2026-12-01\""));
      assertThat(newDay).contains("\"today\":{\"units\":0,\"revenue\":0.00,\"orders\":0}");
    }
  }

  @Test
  @DisplayName("with no stats service to read a snapshot from, a new stream is a 503 problem with Retry-After")
  void noStatsService(Vertx vertx) {
    JsonObject config = TestGateway.config();
    TestGateway gateway = TestGateway.deploy(vertx, config, List.of("stats"));
    TestGateway.Reply reply = gateway.get("/stats/live");
    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.header("Retry-After")).isEqualTo("5");
  }
}
