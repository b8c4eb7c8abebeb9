package io.brandstats.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on a cluster as it comes through a load balancer: the balancer checks every gateway's readiness every
 * 200 ms and spreads requests over the ready ones, trying the next one when a connection is refused (nothing was
 * sent). Readers ask for a brand, a product, a store and a product's statistics; tills send batches of sales and,
 * when a batch fails, send the same batch again (same eventIds) until it is acknowledged. Every answer that is not
 * a success counts as a failed request, retried or not.
 */
final class BalancedLoad implements AutoCloseable {

  /** @param port the gateway that answered (or failed to) */
  record Failure(long atMillis, String request, int port, int status, String body) {
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
    .connectTimeout(Duration.ofSeconds(2)).build();

  private final List<Integer> ports;
  private final Map<Integer, Boolean> ready = new ConcurrentHashMap<>();
  private final String writerToken;
  private final long brandId;
  private final long productId;
  private final long storeId;
  private final String runId = Long.toString(System.nanoTime(), 36);
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger batches = new AtomicInteger();
  final AtomicLong requests = new AtomicLong();
  final AtomicLong unitsSent = new AtomicLong();
  final AtomicLong salesAcknowledged = new AtomicLong();
  final AtomicLong worstReadMillis = new AtomicLong();
  final AtomicLong worstWriteMillis = new AtomicLong();
  final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
  private volatile long zero = System.nanoTime();

  BalancedLoad(List<Integer> ports, String writerToken, long brandId, long productId, long storeId) {
    this.ports = ports;
    this.writerToken = writerToken;
    this.brandId = brandId;
    this.productId = productId;
    this.storeId = storeId;
    ports.forEach(port -> ready.put(port, true));
    threads.submit(this::healthChecks);
  }

  /** Starts the readers and the tills; failures are timed from now. */
  void start(int readers, int tills) {
    zero = System.nanoTime();
    for (int i = 0; i < readers; i++) {
      threads.submit(this::reader);
    }
    for (int i = 0; i < tills; i++) {
      threads.submit(this::till);
    }
  }

  long millisSinceStart() {
    return (System.nanoTime() - zero) / 1_000_000;
  }

  /** Stops sending new requests; a till still finishes (retries) the batch it holds. */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    threads.shutdown();
    if (!threads.awaitTermination(120, TimeUnit.SECONDS)) {
      throw new AssertionError("the load did not finish within 120 s");
    }
  }

  private void healthChecks() {
    while (running.get()) {
      for (int port : ports) {
        ready.put(port, send(port, "GET", "/health/ready", null).status() == 200);
      }
      pause(200);
    }
  }

  private void reader() {
    String[] paths = {"/brands/" + brandId, "/products/" + productId, "/stores/" + storeId, "/stats/products/" + productId};
    while (running.get()) {
      String path = paths[ThreadLocalRandom.current().nextInt(paths.length)];
      long started = System.nanoTime();
      Reply reply = balanced("GET", path, null);
      worstReadMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
      if (reply.status() != 200) {
        failures.add(new Failure(millisSinceStart(), "GET " + path, reply.port(), reply.status(), reply.body()));
      }
      pause(20);
    }
  }

  private void till() {
    while (running.get()) {
      int batch = batches.incrementAndGet();
      JsonArray sales = new JsonArray();
      for (int i = 0; i < 5; i++) {
        int quantity = 1 + ThreadLocalRandom.current().nextInt(3);
        sales.add(new JsonObject().put("eventId", "rr-" + runId + "-" + batch + "-" + i).put("productId", productId)
          .put("storeId", storeId).put("quantity", quantity)
          .put("soldAt", Instant.now().minusSeconds(3600 + ThreadLocalRandom.current().nextInt(600)).toString()));
        unitsSent.addAndGet(quantity);
      }
      JsonObject body = new JsonObject().put("sales", sales);
      while (true) { // as a till does: the same batch, the same eventIds, until it is acknowledged
        long started = System.nanoTime();
        Reply reply = balanced("POST", "/sales", body);
        worstWriteMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
        if (reply.status() == 200) {
          JsonObject answer = new JsonObject(reply.body());
          salesAcknowledged.addAndGet(answer.getInteger("accepted") + answer.getInteger("duplicates"));
          break;
        }
        failures.add(new Failure(millisSinceStart(), "POST /sales #" + batch, reply.port(), reply.status(), reply.body()));
        pause(200);
      }
      pause(50);
    }
  }

  /** As a load balancer: a ready gateway in turn; a refused connection moves on to the next. */
  private Reply balanced(String method, String path, JsonObject body) {
    Reply reply = null;
    for (int tries = 0; tries < ports.size() * 2; tries++) {
      int port = ports.get(Math.floorMod(next.getAndIncrement(), ports.size()));
      if (!ready.get(port)) {
        continue;
      }
      reply = send(port, method, path, body);
      if (!reply.refused()) {
        requests.incrementAndGet();
        return reply;
      }
      ready.put(port, false);
    }
    requests.incrementAndGet();
    return reply == null ? new Reply(0, 0, "no gateway ready", false) : reply;
  }

  record Reply(int port, int status, String body, boolean refused) {
  }

  Reply send(int port, String method, String path, JsonObject body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
      .timeout(Duration.ofSeconds(10))
      .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) {
      request.header("Content-Type", "application/json").header("Authorization", "Bearer " + writerToken);
    }
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(port, response.statusCode(), response.body(), false);
    } catch (ConnectException e) {
      return new Reply(port, 0, e.toString(), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(port, 0, e.toString(), false);
    } catch (Exception e) {
      return new Reply(port, 0, e.toString(), false);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
