package io.brandstats.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.launcher.ContractOperations.Operation;
import io.brandstats.launcher.MalformedRequests.Request;
import io.brandstats.testkit.BrandstatsExtension;
import io.brandstats.testkit.TestNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Malformed requests derived from the contract itself ({@link MalformedRequests}) for every operation, sent to the
 * shared node after it has been given a brand, a store, a product and a sale: each must be refused with a 4xx problem+json whose status is the
 * answer's, never a 5xx and never accepted, and nothing the node holds may change. Every variant the contract yields,
 * then {@link #RANDOM} seeded random ones (more if needed to reach {@link #REQUESTS}); the same seed sends the same
 * requests (-Dfuzz.seed=N for others).
 */
@ExtendWith({VertxExtension.class, BrandstatsExtension.class})
@DisplayName("Malformed requests derived from the contract are refused with a 4xx problem and change nothing")
class ContractFuzzTest {

  /** Seeded random variants sent after every variant derived from the contract. */
  static final int RANDOM = 800;
  /** Requests per run, at least. */
  static final int REQUESTS = 5_000;
  /** Requests in flight at once. */
  private static final int CONCURRENCY = 16;
  private static final long SEED = Long.getLong("fuzz.seed", 20261125L);

  @Test
  @Timeout(value = 110, unit = TimeUnit.SECONDS)
  @DisplayName("at least 5,000 malformed requests over every operation: all refused with a 4xx problem, nothing written")
  void malformedRequestsAreRefused(Vertx vertx, TestNode node) {
    Api api = new Api(vertx, node);
    Catalogue catalogue = new Catalogue(api);
    long brand = catalogue.brand();
    long store = catalogue.store();
    long product = catalogue.product(brand, 12.5);
    String day = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    assertThat(api.post("/sales", new JsonObject().put("sales", new JsonArray().add(new JsonObject().put("eventId", "fuzz-1")
      .put("productId", product).put("storeId", store).put("quantity", 2).put("soldAt", day + "T10:00:00Z")))).status())
      .isEqualTo(200);
    String window = "from=" + LocalDate.parse(day).minusDays(7) + "&to=" + day;
    // The sale is counted once the rollup worker folds it (within about a second): asked for at most 10 s.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (api.get("/stats/summary?" + window).json().getJsonObject("totals").getLong("orders") == 0
      && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    StateSnapshot before = StateSnapshot.of(api, window);

    Random random = new Random(SEED);
    MalformedRequests malformed = new MalformedRequests(ContractOperations.load(),
      Map.of("brands", brand, "stores", store, "products", product), "Bearer " + node.writerToken(), random);
    List<Operation> operations = ContractOperations.load().all();
    List<Request> requests = new ArrayList<>();
    operations.forEach(operation -> requests.addAll(malformed.all(operation)));
    int derived = requests.size();
    while (requests.size() < derived + RANDOM || requests.size() < REQUESTS) {
      requests.add(malformed.random(operations.get(random.nextInt(operations.size()))));
    }

    long started = System.nanoTime();
    List<String> faults = new ArrayList<>();
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (int from = 0; from < requests.size(); from += CONCURRENCY) {
      List<Request> batch = requests.subList(from, Math.min(requests.size(), from + CONCURRENCY));
      List<Future<Api.Reply>> replies = batch.stream()
        .map(request -> api.sendAsync(request.method(), request.uri(), request.headers(), request.body())).toList();
      Future.join(replies).await();
      for (int i = 0; i < batch.size(); i++) {
        Future<Api.Reply> reply = replies.get(i);
        String fault = reply.succeeded() ? fault(reply.result()) : "no answer: " + reply.cause();
        statuses.merge(reply.succeeded() ? reply.result().status() : 0, 1, Integer::sum);
        if (fault != null) {
          Request request = batch.get(i);
          faults.add(request.operationId() + " " + request.method() + " " + shortly(request.uri()) + " (" + request.why()
            + "): " + fault);
        }
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("Contract fuzz, seed %d: %d requests (%d derived from the contract, %d random) over %d operations in "
      + "%d ms; statuses %s%n", SEED, requests.size(), derived, requests.size() - derived, operations.size(), millis, statuses);

    assertThat(faults).as("requests not refused with a 4xx problem (of %d)", requests.size()).isEmpty();
    assertThat(StateSnapshot.of(api, window)).as("what the node holds").isEqualTo(before);
  }

  /** What is wrong with the answer to a malformed request; null when it is a 4xx problem saying its status. */
  private static String fault(Api.Reply reply) {
    int status = reply.status();
    if (status < 400 || status >= 500) {
      return "answered " + status + " " + shortly(reply.bodyText());
    }
    if (!"application/problem+json".equals(reply.header("Content-Type"))) {
      return status + " with Content-Type " + reply.header("Content-Type");
    }
    if (reply.header("X-Request-Id") == null) {
      return status + " without X-Request-Id";
    }
    String text = reply.bodyText();
    if (text.contains("Exception") || text.contains("\tat ") || text.contains("io.vertx") || text.contains("io.brandstats")) {
      return status + " telling internals: " + shortly(text);
    }
    JsonObject problem;
    try {
      problem = new JsonObject(text);
    } catch (RuntimeException notJson) {
      return status + " whose body is not JSON: " + shortly(text);
    }
    return Integer.valueOf(status).equals(problem.getInteger("status")) ? null
      : status + " whose problem says status " + problem.getValue("status");
  }

  private static String shortly(String text) {
    return text.length() > 160 ? text.substring(0, 160) + "..." : text;
  }
}
