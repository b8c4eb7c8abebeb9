package io.brandstats.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Creates catalogue entities through the API, each with a name no other test uses. */
final class Catalogue {

  private final Api api;

  Catalogue(Api api) {
    this.api = api;
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  long brand() {
    return created(api.post("/brands", new JsonObject().put("name", unique("Brand")).put("country", "DE")));
  }

  long store() {
    return created(api.post("/stores", new JsonObject().put("code", unique("S")).put("name", unique("Store"))
      .put("city", "Berlin").put("country", "DE").put("channel", "retail")));
  }

  long product(long brandId, double price) {
    return created(api.post("/products", new JsonObject().put("brandId", brandId).put("sku", unique("SKU"))
      .put("name", unique("Product")).put("category", "tents").put("price", price).put("currency", "EUR")));
  }

  private static long created(Api.Reply reply) {
    assertThat(reply.status()).as(reply.bodyText()).isEqualTo(201);
    return reply.json().getLong("id");
  }
}
