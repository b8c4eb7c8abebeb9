package io.brandstats.launcher;

import static io.brandstats.launcher.Problems.assertFieldError;
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

/** Products reference brands by id; the product service asks the brand service over HTTP, never its database. */
@ExtendWith({VertxExtension.class, BrandstatsExtension.class})
@DisplayName("Products through the gateway, their brand checked by the brand service")
class ProductApiTest {

  private static Api api;

  @BeforeAll
  static void startNode(Vertx vertx, TestNode node) {
    api = new Api(vertx, node);
  }

  static long brand(Api api) {
    Api.Reply created = api.post("/brands", new JsonObject()
      .put("name", "Brand " + UUID.randomUUID().toString().substring(0, 8)).put("country", "DE"));
    assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
    return created.json().getLong("id");
  }

  static JsonObject product(long brandId, String sku) {
    return new JsonObject().put("brandId", brandId).put("sku", sku).put("name", "Trail Tent")
      .put("category", "tents").put("price", 249.9).put("currency", "EUR");
  }

  private static String sku() {
    return "SKU-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static long productCount(long brandId) {
    return api.get("/products?limit=100&brandId=" + brandId).json().getJsonArray("items").size();
  }

  @Test
  @DisplayName("a product of an active brand is created, with its price kept to the cent")
  void createsForActiveBrand() {
    long brandId = brand(api);
    Api.Reply created = api.conforms("createProduct", api.post("/products", product(brandId, sku())));

    assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
    assertThat(created.header("ETag")).isEqualTo("\"1\"");
    Api.Reply read = api.conforms("getProduct", api.get(created.header("Location")));
    assertThat(read.json()).isEqualTo(created.json());
    assertThat(read.bodyText()).contains("\"price\":249.90");
    assertThat(read.json().getLong("brandId")).isEqualTo(brandId);
  }

  @Test
  @DisplayName("a product of a brand that does not exist is rejected with 422 naming brandId, and nothing is written")
  void unknownBrand() {
    Api.Reply reply = api.conforms("createProduct", api.post("/products", product(987654321L, sku())));
    assertFieldError(assertProblem(reply, 422), "body", "/brandId");
    assertThat(productCount(987654321L)).isZero();
  }

  @Test
  @DisplayName("a product of an archived brand is rejected with 422, even right after the brand was cached")
  void archivedBrand() {
    long brandId = brand(api);
    assertThat(api.post("/products", product(brandId, sku())).status()).as("brand now cached").isEqualTo(201);

    assertThat(api.delete("/brands/" + brandId).status()).isEqualTo(204);
    Api.Reply reply = api.conforms("createProduct", api.post("/products", product(brandId, sku())));

    assertFieldError(assertProblem(reply, 422), "body", "/brandId");
    assertThat(reply.json().getString("detail")).contains("archived");
    assertThat(productCount(brandId)).isEqualTo(1);
  }

  @Test
  @DisplayName("moving a product to an unknown brand is rejected with 422 and the product keeps its brand")
  void updateToUnknownBrand() {
    long brandId = brand(api);
    JsonObject created = api.post("/products", product(brandId, sku())).json();
    String uri = "/products/" + created.getLong("id");

    Api.Reply reply = api.conforms("updateProduct",
      api.put(uri, product(987654321L, created.getString("sku")), null));

    assertFieldError(assertProblem(reply, 422), "body", "/brandId");
    assertThat(api.get(uri).json().getLong("brandId")).isEqualTo(brandId);
  }

  @Test
  @DisplayName("an update answers 404 for a missing product and 412 for a stale one before the brand is even asked")
  void updateChecksProductFirst() {
    long brandId = brand(api);
    assertProblem(api.conforms("updateProduct", api.put("/products/987654321", product(987654321L, sku()), null)), 404);
    JsonObject created = api.post("/products", product(brandId, sku())).json();
    Api.Reply stale = api.put("/products/" + created.getLong("id"), product(987654321L, created.getString("sku")), "\"9\"");
    assertProblem(stale, 412);
  }

  @Test
  @DisplayName("a product keeps its brand when that brand is archived later, and can still be updated")
  void keepsArchivedBrand() {
    long brandId = brand(api);
    JsonObject created = api.post("/products", product(brandId, sku())).json();
    assertThat(api.delete("/brands/" + brandId).status()).isEqualTo(204);

    Api.Reply updated = api.put("/products/" + created.getLong("id"),
      product(brandId, created.getString("sku")).put("price", 99), "\"1\"");
    assertThat(updated.status()).as(updated.bodyText()).isEqualTo(200);
  }

  @Test
  @DisplayName("updates price and brand with the current ETag; a stale ETag gets 412")
  void updates() {
    long brandId = brand(api);
    long otherBrand = brand(api);
    JsonObject created = api.post("/products", product(brandId, sku())).json();
    String uri = "/products/" + created.getLong("id");
    JsonObject moved = product(otherBrand, created.getString("sku")).put("price", 199);

    Api.Reply updated = api.conforms("updateProduct", api.put(uri, moved, "\"1\""));
    assertThat(updated.status()).as(updated.bodyText()).isEqualTo(200);
    assertThat(updated.json().getLong("brandId")).isEqualTo(otherBrand);
    assertThat(updated.bodyText()).contains("\"price\":199.00");

    assertProblem(api.conforms("updateProduct", api.put(uri, moved, "\"1\"")), 412);
  }

  @Test
  @DisplayName("a price with fractions of a cent or not above zero is a 400 naming price; a taken SKU is a 409")
  void invalidValues() {
    long brandId = brand(api);
    assertFieldError(assertProblem(api.post("/products", product(brandId, sku()).put("price", 9.999)), 400), "body", "/price");
    assertFieldError(assertProblem(api.post("/products", product(brandId, sku()).put("price", 0)), 400), "body", "/price");

    String sku = sku();
    assertThat(api.post("/products", product(brandId, sku)).status()).isEqualTo(201);
    assertFieldError(assertProblem(api.conforms("createProduct", api.post("/products", product(brandId, sku))), 409),
      "body", "/sku");
  }

  @Test
  @DisplayName("filters by brand and category, and archives with 204")
  void filtersAndArchives() {
    long brandId = brand(api);
    long tent = api.post("/products", product(brandId, sku())).json().getLong("id");
    long stove = api.post("/products", product(brandId, sku()).put("category", "stoves")).json().getLong("id");

    assertThat(ids(api.conforms("listProducts", api.get("/products?brandId=" + brandId)))).containsExactly(tent, stove);
    assertThat(ids(api.get("/products?brandId=" + brandId + "&category=STOVES"))).containsExactly(stove);

    assertThat(api.conforms("archiveProduct", api.delete("/products/" + tent)).status()).isEqualTo(204);
    assertThat(ids(api.get("/products?brandId=" + brandId + "&status=active"))).containsExactly(stove);
  }

  private static List<Long> ids(Api.Reply page) {
    assertThat(page.status()).as(page.bodyText()).isEqualTo(200);
    return page.json().getJsonArray("items").stream().map(item -> ((JsonObject) item).getLong("id")).toList();
  }
}
