package io.brandstats.launcher;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Brandstats as a cluster of separate JVMs on loopback, each started from the packaged jar, sharing one
 * database: node A runs only the gateway, B brand and product, C store and stats; a second brand node
 * joins later and the first one is killed under load.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Brandstats as a cluster of nodes, each running some of the services")
class ClusterIT {

  private static final Path ROOT = Path.of("target", "cluster-it-" + ProcessHandle.current().pid());
  private static final Duration START_TIMEOUT = Duration.ofSeconds(150);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static LocalCluster cluster;
  private static NodeProcess gatewayNode;
  private static NodeProcess brandNode;
  private static NodeProcess storeNode;
  private static String gateway;
  private static String writerToken;

  @BeforeAll
  static void formCluster() throws Exception {
    cluster = new LocalCluster(ROOT, 4);
    gateway = cluster.gateway();
    writerToken = cluster.writerToken();
    // Cached entities live a minute: only change events can make a cache fresh within a second.
    cluster.env().put("BRANDSTATS_UPSTREAMS_CACHE_TTL", "60000");

    long started = System.nanoTime();
    gatewayNode = startNode("a-gateway", 0, "--services", "gateway", "--port", String.valueOf(cluster.httpPort()));
    brandNode = startNode("b-brand-product", 1, "--services", "brand,product");
    storeNode = startNode("c-store-stats", 2, "--services", "store,stats");
    for (NodeProcess node : List.of(gatewayNode, brandNode, storeNode)) {
      node.awaitReady(START_TIMEOUT);
    }
    JsonObject ready = awaitReadiness(3, Duration.ofSeconds(60));
    System.out.printf("Cluster of 3 formed and ready in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    assertThat(ready.getJsonObject("node").getJsonArray("services")).containsExactly("gateway");
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  @DisplayName("the whole API works through a node that runs only the gateway")
  void fullApiThroughGatewayNode() throws Exception {
    long brandId = create("/brands", brand("Cluster " + System.nanoTime())).getLong("id");
    long storeId = create("/stores", store("CL-" + System.nanoTime())).getLong("id");
    long productId = create("/products", product(brandId, "CL-" + System.nanoTime())).getLong("id");
    JsonObject sales = new JsonObject().put("sales", new JsonArray()
      .add(sale(productId, storeId, 2))
      .add(sale(productId, storeId, 3)));
    Reply ingested = send("POST", "/sales", sales);
    assertThat(ingested.status()).isEqualTo(200);
    assertThat(ingested.json().getInteger("accepted")).isEqualTo(2);

    assertThat(get("/brands/" + brandId).status()).isEqualTo(200);
    assertThat(get("/products?brandId=" + brandId).json().getJsonArray("items")).hasSize(1);
    assertThat(get("/stores/" + storeId).json().getString("city")).isEqualTo("Lyon");
    // Accepted sales are counted once the stats node folds them into its rollups (within about a second).
    long product = productId;
    awaitWithin(Duration.ofSeconds(10), "the sales are counted", () -> get("/stats/top?dimension=products&limit=100")
      .json().getJsonArray("items").stream().anyMatch(i -> ((JsonObject) i).getLong("id") == product));
    JsonObject top = get("/stats/top?dimension=products&limit=100").json();
    JsonObject ranked = item(top, productId);
    assertThat(ranked.getInteger("units")).isEqualTo(5);
    assertThat(get("/stats/summary").status()).isEqualTo(200);
  }

  @Test
  @Order(2)
  @DisplayName("a second brand node joins, and a change made through the gateway evicts stale entries on every node within a second")
  void changeEventsReachEveryNode() throws Exception {
    startNode("b2-brand-product", 3, "--services", "brand,product").awaitReady(START_TIMEOUT);
    awaitReadiness(4, Duration.ofSeconds(60));

    String oldName = "Before " + System.nanoTime();
    long brandId = create("/brands", brand(oldName)).getLong("id");
    long storeId = create("/stores", store("EV-" + System.nanoTime())).getLong("id");
    long productId = 0;
    for (int i = 0; i < 4; i++) { // round robin: both product nodes look the brand up and cache it
      productId = create("/products", product(brandId, "EV-" + i + "-" + System.nanoTime())).getLong("id");
    }
    assertThat(send("POST", "/sales", sale(productId, storeId, 1)).status()).isEqualTo(200);
    awaitWithin(Duration.ofSeconds(10), "the sale is counted", () -> get("/stats/top?dimension=brands&limit=100")
      .json().getJsonArray("items").stream().anyMatch(i -> ((JsonObject) i).getLong("id") == brandId));
    assertThat(item(get("/stats/top?dimension=brands&limit=100").json(), brandId).getString("name")).isEqualTo(oldName);

    String newName = "After " + System.nanoTime();
    assertThat(send("PUT", "/brands/" + brandId, brand(newName)).status()).isEqualTo(200);
    long renamed = System.nanoTime();
    awaitWithin(Duration.ofSeconds(1), "the stats node shows the new name",
      () -> newName.equals(item(get("/stats/top?dimension=brands&limit=100").json(), brandId).getString("name")));
    System.out.printf("Rename seen by the stats node after %d ms%n", (System.nanoTime() - renamed) / 1_000_000);

    assertThat(send("DELETE", "/brands/" + brandId, null).status()).isEqualTo(204);
    long archived = System.nanoTime();
    long brand = brandId;
    int[] refusedInARow = {0};
    awaitWithin(Duration.ofSeconds(1), "both product nodes refuse the archived brand", () -> {
      int status = send("POST", "/products", product(brand, "LATE-" + System.nanoTime())).status();
      refusedInARow[0] = status == 422 ? refusedInARow[0] + 1 : 0;
      return refusedInARow[0] >= 4;
    });
    System.out.printf("Archive seen by both product nodes after %d ms%n", (System.nanoTime() - archived) / 1_000_000);
  }

  @Test
  @Order(3)
  @DisplayName("killing one of two brand nodes under load costs a few requests for a few seconds and loses no acknowledged write")
  void brandNodeKilledUnderLoad() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(create("/brands", brand("Load " + i + " " + System.nanoTime())).getLong("id"));
    }
    record Outcome(long atMillis, int status, String name, long id) {
    }
    ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    long start = System.nanoTime();
    long killAt = start + TimeUnit.SECONDS.toNanos(3);
    long end = start + TimeUnit.SECONDS.toNanos(15);
    ExecutorService clients = Executors.newFixedThreadPool(5);
    for (int c = 0; c < 5; c++) {
      boolean writer = c == 0;
      clients.submit(() -> {
        int n = 0;
        while (System.nanoTime() < end) {
          String name = writer ? "Written " + n++ + " " + System.nanoTime() : null;
          Reply reply = writer
            ? send("POST", "/brands", brand(name))
            : get("/brands/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size())));
          long id = reply.status() == 201 ? reply.json().getLong("id") : 0;
          outcomes.add(new Outcome((System.nanoTime() - killAt) / 1_000_000, reply.status(), name, id));
        }
        return null;
      });
    }
    Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(killAt - System.nanoTime())));
    brandNode.kill();
    clients.shutdown();
    assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    List<Outcome> failures = outcomes.stream().filter(o -> o.status() != 200 && o.status() != 201).toList();
    long lastFailure = failures.stream().mapToLong(Outcome::atMillis).max().orElse(0);
    System.out.printf("Brand node killed under load: %d requests, %d failed (%s), last failure %d ms after the kill%n",
      outcomes.size(), failures.size(), failures.stream().map(o -> String.valueOf(o.status())).distinct().toList(), lastFailure);
    assertThat(failures).allSatisfy(f -> assertThat(f.atMillis()).isBetween(-500L, 8_000L));
    assertThat(failures.size()).isLessThanOrEqualTo(15);
    assertThat(outcomes.stream().filter(o -> o.atMillis() > 9_000 && o.status() == 200)).hasSizeGreaterThan(20);

    List<Outcome> acknowledged = outcomes.stream().filter(o -> o.status() == 201).toList();
    assertThat(acknowledged).hasSizeGreaterThan(10);
    for (Outcome write : acknowledged) {
      Reply read = get("/brands/" + write.id());
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.json().getString("name")).isEqualTo(write.name());
    }
  }

  @Test
  @Order(4)
  @DisplayName("when the only store node leaves, store operations answer 503 problem+json and the rest keeps working")
  void serviceDeployedNowhere() throws Exception {
    storeNode.stop();
    awaitWithin(Duration.ofSeconds(15), "store operations answer 503", () -> get("/stores?limit=1").status() == 503);
    Reply stores = get("/stores?limit=1");
    assertThat(stores.contentType()).startsWith("application/problem+json");
    assertThat(stores.json().getInteger("status")).isEqualTo(503);
    assertThat(stores.retryAfter()).isNotEmpty();
    assertThat(get("/brands?limit=1").status()).isEqualTo(200);
    awaitWithin(Duration.ofSeconds(15), "readiness shows two members and the store service down", () -> {
      Reply ready = get("/health/ready");
      return ready.status() == 503 && ready.json().getJsonObject("node").getInteger("members") == 2
        && ready.json().getJsonArray("checks").stream().map(JsonObject.class::cast)
          .anyMatch(check -> check.getString("id").equals("store") && check.getString("status").equals("DOWN"));
    });
  }

  // --- nodes -------------------------------------------------------------------------------------------

  private static NodeProcess startNode(String name, int clusterPortIndex, String... args) throws Exception {
    return cluster.start(name, clusterPortIndex, args);
  }

  /** Readiness from the gateway node: every service reachable and this many members. */
  private static JsonObject awaitReadiness(int members, Duration timeout) throws Exception {
    JsonObject[] last = {null};
    awaitWithin(timeout, "the cluster has " + members + " members and every service answers", () -> {
      Reply ready = get("/health/ready");
      last[0] = ready.json();
      return ready.status() == 200 && ready.json().getJsonObject("node").getInteger("members") == members;
    });
    return last[0];
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void awaitWithin(Duration timeout, String what, Condition condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (condition.holds()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + timeout + ": " + what);
      }
      Thread.sleep(20);
    }
  }

  // --- HTTP ---------------------------------------------------------------------------------------------

  private record Reply(int status, String body, String contentType, String retryAfter) {
    JsonObject json() {
      return body.isEmpty() ? new JsonObject() : new JsonObject(body);
    }
  }

  private static Reply get(String path) {
    return send("GET", path, null);
  }

  private static JsonObject create(String path, JsonObject body) {
    Reply reply = send("POST", path, body);
    assertThat(reply.status()).as("POST %s: %s", path, reply.body()).isEqualTo(201);
    return reply.json();
  }

  /** A failed connection or a timeout counts as status 0, so load loops keep counting. */
  private static Reply send(String method, String path, JsonObject body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(10))
      .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (!method.equals("GET")) {
      request.header("Authorization", "Bearer " + writerToken);
    }
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body(),
        response.headers().firstValue("Content-Type").orElse(""), response.headers().firstValue("Retry-After").orElse(""));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(0, "", "", "");
    } catch (Exception e) {
      return new Reply(0, "", "", "");
    }
  }

  // --- bodies -------------------------------------------------------------------------------------------

  private static JsonObject brand(String name) {
    return new JsonObject().put("name", name).put("country", "FR");
  }

  private static JsonObject store(String code) {
    return new JsonObject().put("code", code).put("name", "Store " + code).put("city", "Lyon").put("country", "FR")
      .put("channel", "retail");
  }

  private static JsonObject product(long brandId, String sku) {
    return new JsonObject().put("brandId", brandId).put("sku", sku).put("name", "Product " + sku)
      .put("category", "shoes").put("price", 10.5).put("currency", "EUR");
  }

  private static JsonObject sale(long productId, long storeId, int quantity) {
    return new JsonObject().put("eventId", "cl-" + System.nanoTime()).put("productId", productId).put("storeId", storeId)
      .put("quantity", quantity).put("soldAt", Instant.now().minus(1, ChronoUnit.HOURS).toString());
  }

  private static JsonObject item(JsonObject top, long id) {
    return top.getJsonArray("items").stream().map(JsonObject.class::cast)
      .filter(i -> i.getLong("id") == id).findFirst()
      .orElseThrow(() -> new AssertionError("item " + id + " not in " + top.encode()));
  }
}
