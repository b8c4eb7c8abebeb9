package io.brandstats.stats.sales;

import io.vertx.core.json.JsonObject;

/**
 * What a sale is sliced by besides its ids, taken from its owners when it is ingested: the product's category,
 * the store's country and channel. Kept with the sale so that statistics never ask the catalogue per sale.
 */
public record Facets(String category, String country, String channel) {

  /** The facets of a sale of this product in this store, as their services answered them. */
  public static Facets of(JsonObject product, JsonObject store) {
    return new Facets(product.getString("category"), store.getString("country"), store.getString("channel"));
  }
}
