package io.brandstats.stats;

import io.brandstats.common.Timestamps;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** The statements that write and list sales, prepared, and the one mapping from a sale row to the API. */
final class SaleSql {

  private static final String COLUMNS =
    "id, event_id, product_id, store_id, brand_id, quantity, unit_price, amount, currency, sold_at, received_at";

  /**
   * New sales, {@link MultiRow} shapes of 1..256 rows. Plain INSERT: ingestion first reads which eventIds
   * are stored; one stored concurrently since then fails the statement (duplicate key) and the whole
   * transaction is run again. The rows of one statement get consecutive ids from LAST_INSERT_ID.
   */
  static final String[] INSERT = MultiRow.shapes(rows -> "INSERT INTO sale"
    + " (event_id, product_id, store_id, brand_id, quantity, unit_price, amount, currency, sold_at, received_at)"
    + " VALUES " + MultiRow.placeholders(rows, 10));

  /** The stored sales among some eventIds, {@link MultiRow} shapes of 1..256 eventIds. */
  static final String[] BY_EVENTS = MultiRow.shapes(rows -> "SELECT " + COLUMNS + " FROM sale WHERE event_id IN ("
    + "?, ".repeat(rows - 1) + "?)");

  static final String LIST = "SELECT " + COLUMNS + " FROM sale"
    + " WHERE id > ?"
    + " AND (? IS NULL OR brand_id = ?)"
    + " AND (? IS NULL OR product_id = ?)"
    + " AND (? IS NULL OR store_id = ?)"
    + " AND (? IS NULL OR sold_at >= ?)"
    + " AND (? IS NULL OR sold_at < ?)"
    + " ORDER BY id LIMIT ?";

  /**
   * Adds a batch's sales of each day and key to that day's rollup row, creating it if needed;
   * {@link MultiRow} shapes of 1..256 rows (rows are applied in the order given).
   */
  static final String[] ADD_BRAND_DAY = MultiRow.shapes(rows -> upsert("brand_daily", "brand_id", rows));
  static final String[] ADD_PRODUCT_DAY = MultiRow.shapes(rows -> upsert("product_daily", "product_id", rows));
  static final String[] ADD_STORE_DAY = MultiRow.shapes(rows -> upsert("store_daily", "store_id", rows));

  private SaleSql() {
  }

  private static String upsert(String table, String key, int rows) {
    return "INSERT INTO " + table + " (day, " + key + ", currency, units, revenue, orders) VALUES "
      + MultiRow.placeholders(rows, 6)
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
