package io.brandstats.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.testkit.TestNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A node told to stop (SIGTERM runs the same close) with a drain grace of two seconds. */
@ExtendWith(VertxExtension.class)
@DisplayName("A stopping node drains")
class DrainTest {

  @Test
  @DisplayName("readiness answers 503 DRAINING at once while requests are still served for the grace, then the node stops")
  void readinessDrainsFirst(Vertx vertx) throws Exception {
    TestNode node = TestNode.start("drain", config -> config.getJsonObject("node").put("drainGrace", 2));
    Api api = new Api(vertx, node);
    assertThat(api.get("/health/ready").status()).isEqualTo(200);
    long brandId = ProductApiTest.brand(api);

    long asked = System.nanoTime();
    CompletableFuture<Void> closed = CompletableFuture.runAsync(node::close);
    Api.Reply ready;
    do {
      ready = api.get("/health/ready");
    } while (ready.status() == 200 && System.nanoTime() - asked < TimeUnit.SECONDS.toNanos(2));
    long drainingAfterMs = (System.nanoTime() - asked) / 1_000_000;
    api.conforms("getReadiness", ready);
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.json().getString("status")).isEqualTo("DRAINING");
    assertThat(ready.json().getJsonObject("node").getBoolean("draining")).isTrue();
    assertThat(drainingAfterMs).isLessThan(1000);

    // During the grace the node still serves whatever reaches it.
    Api.Reply brand = api.get("/brands/" + brandId);
    assertThat(brand.status()).as(brand.bodyText()).isEqualTo(200);
    assertThat(closed.isDone()).isFalse();
    closed.get(30, TimeUnit.SECONDS);
    long stoppedAfterMs = (System.nanoTime() - asked) / 1_000_000;
    System.out.printf("Draining after %d ms, stopped after %d ms%n", drainingAfterMs, stoppedAfterMs);
    assertThat(stoppedAfterMs).isGreaterThanOrEqualTo(2000);
  }
}
