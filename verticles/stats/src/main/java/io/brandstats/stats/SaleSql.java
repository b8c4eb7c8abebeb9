package io.brandstats.stats;

import io.brandstats.common.Timestamps;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** The statements that write and list sales, prepared, and the one mapping from a sale row to the API. */
final class SaleSql {

  private static final String COLUMNS =
    "id, event_id, product_id, store_id, brand_id, quantity, unit_price, amount, currency, sold_at, received_at";

  /** A sale whose event_id is already stored is ignored (rowCount 0): ingestion is idempotent. */
  static final String INSERT = "INSERT IGNORE INTO sale"
    + " (event_id, product_id, store_id, brand_id, quantity, unit_price, amount, currency, sold_at, received_at)"
    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  static final String BY_EVENT = "SELECT " + COLUMNS + " FROM sale WHERE event_id = ?";

  static final String LIST = "SELECT " + COLUMNS + " FROM sale"
    + " WHERE id > ?"
    + " AND (? IS NULL OR brand_id = ?)"
    + " AND (? IS NULL OR product_id = ?)"
    + " AND (? IS NULL OR store_id = ?)"
    + " AND (? IS NULL OR sold_at >= ?)"
    + " AND (? IS NULL OR sold_at < ?)"
    + " ORDER BY id LIMIT ?";

  /** Adds a batch's sales of one day and key to that day's rollup row, creating it if needed. */
  static final String ADD_BRAND_DAY = upsert("brand_daily", "brand_id");
  static final String ADD_PRODUCT_DAY = upsert("product_daily", "product_id");
  static final String ADD_STORE_DAY = upsert("store_daily", "store_id");

  private SaleSql() {
  }

  private static String upsert(String table, String key) {
    return "INSERT INTO " + table + " (day, " + key + ", currency, units, revenue, orders) VALUES (?, ?, ?, ?, ?, ?)"
      + " ON DUPLICATE KEY UPDATE units = units + VALUES(units), revenue = revenue + VALUES(revenue),"
      + " orders = orders + VALUES(orders)";
  }

  static JsonObject from(Row row) {
    return new JsonObject()
      .put("id", row.getLong("id"))
      .put("eventId", row.getString("event_id"))
      .put("productId", row.getLong("product_id"))
      .put("storeId", row.getLong("store_id"))
      .put("brandId", row.getLong("brand_id"))
      .put("quantity", row.getInteger("quantity"))
      .put("unitPrice", row.getBigDecimal("unit_price"))
      .put("amount", row.getBigDecimal("amount"))
      .put("currency", row.getString("currency"))
      .put("soldAt", Timestamps.iso(row.getLocalDateTime("sold_at")))
      .put("receivedAt", Timestamps.iso(row.getLocalDateTime("received_at")));
  }
}
