package io.brandstats.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.launcher.EventStream.Event;
import io.brandstats.testkit.TestConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Live statistics across a cluster of two JVMs started from the packaged jar: node A runs every service and a
 * gateway, node B only a gateway. A stream opened on B is started from A's stats service and moved by the sales A
 * accepts.
 */
@DisplayName("Live statistics across a cluster: a sale accepted on one node reaches the streams of another")
class LiveClusterIT {

  private static final Path ROOT = Path.of("target", "live-cluster-it-" + ProcessHandle.current().pid());
  private static final Duration START_TIMEOUT = Duration.ofSeconds(150);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static LocalCluster cluster;
  private static String nodeA;
  private static String nodeB;

  @BeforeAll
  static void formCluster() throws Exception {
    cluster = new LocalCluster(ROOT, 2);
    int portB = TestConfig.freePort();
    nodeA = cluster.gateway();
    nodeB = "http://127.0.0.1:" + portB;
    NodeProcess a = cluster.start("a-everything", 0, "--port", String.valueOf(cluster.httpPort()));
    NodeProcess b = cluster.start("b-gateway", 1, "--services", "gateway", "--port", String.valueOf(portB));
    a.awaitReady(START_TIMEOUT);
    b.awaitReady(START_TIMEOUT);
    awaitWithin(Duration.ofSeconds(90), "node B sees both members and every service", () -> {
      HttpResponse<String> ready = get(nodeB + "/health/ready");
      return ready != null && ready.statusCode() == 200 && new JsonObject(ready.body()).getJsonObject("node").getInteger("members") == 2;
    });
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @DisplayName("a stream on node B shows, within seconds, the sales node A accepted")
  void saleOnOneNodeReachesAnother() throws Exception {
    long brand = create("/brands", new JsonObject().put("name", "Live " + System.nanoTime()).put("country", "FR"));
    long store = create("/stores", new JsonObject().put("code", "LV-" + System.nanoTime()).put("name", "Live store")
      .put("city", "Lyon").put("country", "FR").put("channel", "online"));
    long product = create("/products", new JsonObject().put("brandId", brand).put("sku", "LV-" + System.nanoTime())
      .put("name", "Live product").put("category", "shoes").put("price", 10.5).put("currency", "EUR"));

    EventStream[] opened = {null};
    awaitWithin(Duration.ofSeconds(60), "a stream opens on node B", () -> {
      EventStream stream = EventStream.open(nodeB, "brandId=" + brand, null);
      if (stream.status() == 200) {
        opened[0] = stream;
        return true;
      }
      stream.close();
      return false;
    });
    try (EventStream stream = opened[0]) {
      assertThat(stream.next(Duration.ofSeconds(10))).as("the first event").isNotNull();
      Instant soldAt = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
      JsonArray sales = new JsonArray();
      for (int quantity : new int[] {2, 3}) {
        sales.add(new JsonObject().put("eventId", "live-cl-" + System.nanoTime()).put("productId", product)
          .put("storeId", store).put("quantity", quantity).put("soldAt", soldAt.toString()));
      }
      HttpResponse<String> ingested = post("/sales", new JsonObject().put("sales", sales));
      assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(200);

      Event event = stream.next(Duration.ofSeconds(10));
      assertThat(event).as("an event on node B after node A accepted the sales").isNotNull();
      JsonObject lastHour = event.data().getJsonObject("lastHour");
      assertThat(lastHour.getLong("units")).isEqualTo(5);
      assertThat(lastHour.getLong("orders")).isEqualTo(2);
      assertThat(lastHour.getDouble("revenue")).isEqualTo(52.5);
    }
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void awaitWithin(Duration timeout, String what, Condition condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + timeout + ": " + what);
      }
      Thread.sleep(200);
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException notYet) {
      return null;
    }
  }

  private static long create(String path, JsonObject body) throws Exception {
    HttpResponse<String> created = post(path, body);
    assertThat(created.statusCode()).as("POST %s: %s", path, created.body()).isEqualTo(201);
    return new JsonObject(created.body()).getLong("id");
  }

  private static HttpResponse<String> post(String path, JsonObject body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(nodeA + path)).timeout(Duration.ofSeconds(10))
      .header("Content-Type", "application/json").header("Authorization", "Bearer " + cluster.writerToken())
      .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
  }
}
