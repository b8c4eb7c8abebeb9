package io.brandstats.gateway.live;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A stream's filters as validated by the contract (null: all) and the currency it asked for (null: the reporting
 * currency). Streams with equal filters share one aggregate.
 */
record LiveFilter(Long brandId, Long productId, Long storeId, String category, String country, String channel,
                  String currency) {

  static LiveFilter of(JsonObject query) {
    return new LiveFilter(query.getLong("brandId"), query.getLong("productId"), query.getLong("storeId"),
      query.getString("category"), query.getString("country"), query.getString("channel"), query.getString("currency"));
  }

  /** Whether the sale counts for these filters at all (its currency decides only its revenue). */
  boolean matches(LiveSale sale) {
    return (brandId == null || brandId == sale.brandId())
      && (productId == null || productId == sale.productId())
      && (storeId == null || storeId == sale.storeId())
      && (category == null || category.equals(sale.category()))
      && (country == null || country.equals(sale.country()))
      && (channel == null || channel.equals(sale.channel()));
  }

  /** The snapshot request for these filters; receivedAfter (epoch ms, null: none) asks what arrived since. */
  JsonObject snapshotRequest(Long receivedAfter) {
    JsonObject filters = new JsonObject();
    putIfSet(filters, "brandId", brandId);
    putIfSet(filters, "productId", productId);
    putIfSet(filters, "storeId", storeId);
    putIfSet(filters, "category", category);
    putIfSet(filters, "country", country);
    putIfSet(filters, "channel", channel);
    JsonObject request = new JsonObject().put("filters", filters);
    putIfSet(request, "currency", currency);
    putIfSet(request, "receivedAfter", receivedAfter);
    return request;
  }

  /** The filters as given, for the answer. */
  JsonObject asGiven() {
    JsonObject given = snapshotRequest(null).getJsonObject("filters");
    putIfSet(given, "currency", currency);
    return given;
  }

  private static void putIfSet(JsonObject object, String name, Object value) {
    if (!Objects.isNull(value)) {
      object.put(name, value);
    }
  }
}
