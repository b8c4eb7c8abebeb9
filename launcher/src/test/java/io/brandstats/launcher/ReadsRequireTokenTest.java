package io.brandstats.launcher;

import static io.brandstats.launcher.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.testkit.BrandstatsExtension;
import io.brandstats.testkit.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node with auth.readsRequireToken: the API is closed to anonymous clients, the operational pages are not. */
@ExtendWith(VertxExtension.class)
@DisplayName("With reads requiring a token, anonymous reads are refused and services still reach each other")
class ReadsRequireTokenTest {

  @RegisterExtension
  static final BrandstatsExtension BRANDSTATS = BrandstatsExtension.nodePerClass().set("auth.readsRequireToken", true);

  private static Api anonymous;
  private static Api reader;
  private static Api writer;

  @BeforeAll
  static void startNode(Vertx vertx, TestNode node) {
    anonymous = new Api(vertx, node.port(), null);
    reader = new Api(vertx, node.port(), "Bearer " + node.token("reader", List.of("reader"), 600));
    writer = new Api(vertx, node);
  }

  @Test
  @DisplayName("a read without a token is 401 with a Bearer challenge")
  void anonymousReadRefused() {
    Api.Reply reply = writer.conforms("listBrands", anonymous.get("/brands"));
    assertProblem(reply, 401);
    assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer realm=\"brandstats\"");
    assertProblem(anonymous.get("/stats/summary"), 401);
  }

  @Test
  @DisplayName("a read with any valid token is answered, whatever its roles; a write still needs writer")
  void readerReads() {
    assertThat(writer.conforms("listBrands", reader.get("/brands")).status()).isEqualTo(200);
    assertProblem(reader.post("/brands", new JsonObject().put("name", "Nope").put("country", "DE")), 403);
  }

  @Test
  @DisplayName("health, the contract, the docs and the dashboard stay public")
  void operationalPagesPublic() {
    assertThat(anonymous.get("/health/live").status()).isEqualTo(200);
    assertThat(anonymous.get("/health/ready").status()).isEqualTo(200);
    assertThat(anonymous.get("/openapi.yaml").status()).isEqualTo(200);
    assertThat(anonymous.get("/docs/").status()).isEqualTo(200);
    assertThat(anonymous.get("/dashboard/").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("product and stats read brands, products and stores through the gateway with their service token")
  void servicesCallEachOther() {
    Catalogue catalogue = new Catalogue(writer);
    long brand = catalogue.brand();
    long product = catalogue.product(brand, 12.5);
    long store = catalogue.store();
    Api.Reply ingested = writer.post("/sales", new JsonObject().put("eventId", "svc-" + product).put("productId", product)
      .put("storeId", store).put("quantity", 2).put("soldAt", java.time.Instant.now().minusSeconds(60).toString()));
    assertThat(ingested.status()).as(ingested.bodyText()).isEqualTo(200);
    assertThat(ingested.json().getInteger("accepted")).isEqualTo(1);
    // The sale is counted once the rollup worker folds it (within about a second): asked for at most 10 s.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Api.Reply stats = reader.get("/stats/brands/" + brand);
    while (stats.status() == 200 && stats.json().getJsonObject("totals").getInteger("units") == 0
      && System.nanoTime() < deadline) {
      LockSupport.parkNanos(50_000_000L);
      stats = reader.get("/stats/brands/" + brand);
    }
    assertThat(stats.status()).as(stats.bodyText()).isEqualTo(200);
    assertThat(stats.json().getJsonObject("totals").getInteger("units")).isEqualTo(2);
    assertThat(stats.json().getJsonObject("meta").getString("brand")).isIn("live", "cached");
  }
}
