package io.brandstats.stats.queries;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.ServiceRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The cache of statistics answers")
class AnswerCacheTest {

  private final AtomicInteger computed = new AtomicInteger();

  /** Answers the n-th computation as "answer n". */
  private final Function<ServiceRequest, Future<String>> counting =
    request -> Future.succeededFuture("answer " + computed.incrementAndGet());

  private static ServiceRequest question(String operationId, long id, String from) {
    return new ServiceRequest(operationId, new JsonObject().put("path", new JsonObject().put("id", id))
      .put("query", new JsonObject().put("from", from)));
  }

  @Test
  @DisplayName("The same question within the TTL is answered once; another operation, id or query is its own question")
  void sameQuestionOnce() {
    AnswerCache cache = new AnswerCache(60_000);

    String first = cache.get(question("getBrandStats", 1, "2025-01-01"), counting).result();
    String again = cache.get(question("getBrandStats", 1, "2025-01-01"), counting).result();
    cache.get(question("getProductStats", 1, "2025-01-01"), counting);
    cache.get(question("getBrandStats", 2, "2025-01-01"), counting);
    cache.get(question("getBrandStats", 1, "2025-01-02"), counting);

    assertThat(again).isEqualTo(first).isEqualTo("answer 1");
    assertThat(computed).hasValue(4);
  }

  @Test
  @DisplayName("Concurrent askers of one question share the computation still under way")
  void concurrentAskersShare() {
    AnswerCache cache = new AnswerCache(60_000);
    Promise<String> slow = Promise.promise();

    Future<String> first = cache.get(question("getStatsSummary", 0, "2025-01-01"), request -> {
      computed.incrementAndGet();
      return slow.future();
    });
    Future<String> second = cache.get(question("getStatsSummary", 0, "2025-01-01"), counting);
    slow.complete("summary");

    assertThat(computed).hasValue(1);
    assertThat(second.result()).isEqualTo(first.result()).isEqualTo("summary");
  }

  @Test
  @DisplayName("A failed computation is not kept, and clear() forgets every answer")
  void failuresAndClearing() {
    AnswerCache cache = new AnswerCache(60_000);
    ServiceRequest question = question("getTopStats", 0, "2025-01-01");

    assertThat(cache.get(question, request -> Future.failedFuture("database down")).failed()).isTrue();
    assertThat(cache.get(question, counting).result()).isEqualTo("answer 1");
    cache.clear();
    assertThat(cache.get(question, counting).result()).isEqualTo("answer 2");
  }

  @Test
  @DisplayName("An answer is computed again once its TTL has passed, and every time when the TTL is 0")
  void expiry() throws InterruptedException {
    AnswerCache shortLived = new AnswerCache(1);
    AnswerCache off = new AnswerCache(0);
    ServiceRequest question = question("getBrandStats", 1, "2025-01-01");

    shortLived.get(question, counting);
    Thread.sleep(20);
    shortLived.get(question, counting);
    off.get(question, counting);
    off.get(question, counting);

    assertThat(computed).hasValue(4);
  }
}
