package io.brandstats.launcher;

import static io.brandstats.launcher.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.testkit.BrandstatsExtension;
import io.brandstats.testkit.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node allowing each client 2 requests per second, 4 at once; its own services are not limited. */
@ExtendWith(VertxExtension.class)
@DisplayName("Each client is throttled on its own; the node's services calling each other are not")
class RateLimitTest {

  private static final int PER_SECOND = 2;
  private static final int BURST = 4;

  @RegisterExtension
  static final BrandstatsExtension BRANDSTATS = BrandstatsExtension.nodePerClass()
    .set("limits.rate.requestsPerSecond", PER_SECOND)
    .set("limits.rate.burst", BURST)
    // No retries: a throttled lookup would fail the create at once, not succeed after a wait.
    .set("upstreams.retries", 0);

  private static TestNode node;
  private static Vertx vertx;

  @BeforeAll
  static void startNode(Vertx testVertx, TestNode testNode) {
    vertx = testVertx;
    node = testNode;
  }

  /** A client with a token of its own subject: its own bucket. */
  private static Api client(String subject) {
    return new Api(vertx, node.port(), "Bearer " + node.token(subject, List.of("writer"), 600));
  }

  /** Sends reads until one is refused (at most a few beyond the burst) and returns the refusal. */
  private static Api.Reply exhaust(Api api) {
    for (int i = 0; i < BURST + 20; i++) {
      Api.Reply reply = api.get("/brands?limit=1");
      if (reply.status() == 429) {
        return reply;
      }
      assertThat(reply.status()).isEqualTo(200);
    }
    throw new AssertionError("no 429 after " + (BURST + 20) + " requests");
  }

  @Test
  @DisplayName("past its burst a client gets 429 problem+json with Retry-After, and is served again after waiting that long")
  void throttledThenRecovers() {
    Api noisy = client("noisy-" + UUID.randomUUID());
    Api.Reply refused = exhaust(noisy);
    long refusedAt = System.nanoTime();
    noisy.conforms("listBrands", refused);
    assertProblem(refused, 429);
    int retryAfter = Integer.parseInt(refused.header("Retry-After"));
    assertThat(retryAfter).isBetween(1, 2);
    assertThat(refused.header("X-Content-Type-Options")).isEqualTo("nosniff");

    // Another client is not affected by the noisy one.
    assertThat(client("quiet-" + UUID.randomUUID()).get("/brands?limit=1").status()).isEqualTo(200);

    long deadline = refusedAt + (retryAfter + 3) * 1_000_000_000L;
    Api.Reply again;
    do {
      vertx.timer(100).await();
      again = noisy.get("/brands?limit=1");
    } while (again.status() == 429 && System.nanoTime() < deadline);
    assertThat(again.status()).isEqualTo(200);
    assertThat((System.nanoTime() - refusedAt) / 1_000_000).as("ms until served again").isLessThan((retryAfter + 3) * 1000L);
  }

  @Test
  @DisplayName("requests without a token are counted per address: past the burst, 429")
  void anonymousByAddress() {
    Api anonymous = new Api(vertx, node.port(), null);
    assertProblem(exhaust(anonymous), 429);
  }

  @Test
  @DisplayName("while this address is at its limit, products created by other clients still have their brand resolved by the product service")
  void serviceCallsNotThrottled() {
    // Three times the burst: were the service limited like a client, its lookups would be refused part-way.
    long[] brands = new long[3 * BURST];
    for (int i = 0; i < brands.length; i++) {
      brands[i] = new Catalogue(client("setup-" + UUID.randomUUID())).brand();
    }
    // The service calls come from 127.0.0.1 as well; this address is now out of requests.
    assertProblem(exhaust(new Api(vertx, node.port(), null)), 429);
    for (long brand : brands) {
      // A fresh writer each time, so the creating client is never the one at its limit; each brand is
      // looked up by the product service (service:product) through the gateway, more often than its burst.
      Api.Reply created = client("writer-" + UUID.randomUUID()).post("/products", new JsonObject()
        .put("brandId", brand).put("sku", "RL-" + UUID.randomUUID()).put("name", "Limited").put("category", "tents")
        .put("price", 10.0).put("currency", "EUR"));
      assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
      assertThat(created.json().getLong("brandId")).isEqualTo(brand);
    }
    Api.Reply health = new Api(vertx, node.port(), null).get("/health/ready");
    assertThat(health.status()).as("health is never throttled").isEqualTo(200);
  }
}
