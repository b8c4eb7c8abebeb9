package io.brandstats.launcher;

import static io.brandstats.launcher.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Node A runs everything, but its product service reads brands through node B's API. Node B runs a
 * gateway and a brand service on node A's brand database. Stopping node B takes the brand service
 * away from the product service, as a crashed or unreachable brand service would.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("When the brand service is down, products of cached brands are still accepted and others wait")
class ProductBrandDownTest {

  private static RemoteOwners nodes;
  private static Api api;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    nodes = new RemoteOwners("brand-down", List.of("brand"));
    api = new Api(vertx, nodes.nodeA);
  }

  @AfterAll
  static void stop() {
    if (nodes != null) {
      nodes.close();
    }
  }

  @Test
  @DisplayName("a cached brand is used (stale) and the product is created; an uncached brand is a 503 with Retry-After and nothing is written")
  void brandServiceDown() throws Exception {
    long cachedBrand = ProductApiTest.brand(api);
    long uncachedBrand = ProductApiTest.brand(api);
    assertThat(api.post("/products", ProductApiTest.product(cachedBrand, "DOWN-1")).status()).isEqualTo(201);

    nodes.stopOwners();

    Api.Reply accepted = api.conforms("createProduct", api.post("/products", ProductApiTest.product(cachedBrand, "DOWN-2")));
    assertThat(accepted.status()).as(accepted.bodyText()).isEqualTo(201);

    Api.Reply refused = api.conforms("createProduct", api.post("/products", ProductApiTest.product(uncachedBrand, "DOWN-3")));
    assertProblem(refused, 503);
    assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
    assertThat(api.get("/products?brandId=" + uncachedBrand).json().getJsonArray("items")).isEmpty();

    JsonObject brandUpstream = api.get("/health/ready").json().getJsonArray("checks").stream()
      .map(JsonObject.class::cast).filter(check -> check.getString("id").equals("product")).findFirst().orElseThrow()
      .getJsonObject("data").getJsonObject("upstreams").getJsonObject("brand");
    assertThat(brandUpstream.getLong("staleServed")).isEqualTo(1);
    assertThat(brandUpstream.getLong("failures")).isGreaterThanOrEqualTo(2);
  }
}
