package io.brandstats.gateway.live;

import io.vertx.core.json.JsonArray;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** One accepted sale as the stats service publishes it; revenue in cents keeps sums exact and cheap. */
record LiveSale(long id, long soldAtMs, long brandId, long productId, long storeId, String category, String country,
                String channel, String currency, int quantity, long cents) {

  /** The sales of one published message: {@code [[id, soldAtMs, brandId, productId, storeId, category, country, channel, currency, quantity, amount], ...]}. */
  static List<LiveSale> parse(String message) {
    JsonArray rows = new JsonArray(message);
    List<LiveSale> sales = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      JsonArray r = rows.getJsonArray(i);
      sales.add(new LiveSale(r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getString(5),
        r.getString(6), r.getString(7), r.getString(8), r.getInteger(9),
        new BigDecimal(r.getString(10)).movePointRight(2).longValueExact()));
    }
    return sales;
  }
}
