package io.brandstats.stats.sales;

import io.brandstats.common.Timestamps;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** The statements that write and list sales, prepared, and the one mapping from a sale row to the API. */
public final class SaleSql {

  private static final String COLUMNS =
    "id, event_id, product_id, store_id, brand_id, quantity, unit_price, amount, currency, sold_at, received_at";

  /**
   * New sales, {@link MultiRow} shapes of 1..256 rows. Plain INSERT: ingestion first reads which eventIds
   * are stored; one stored concurrently since then fails the statement (duplicate key) and the whole
   * transaction is run again. The rows of one statement get consecutive ids from LAST_INSERT_ID.
   */
  public static final String[] INSERT = MultiRow.shapes(rows -> "INSERT INTO sale"
    + " (event_id, product_id, store_id, brand_id, quantity, unit_price, amount, currency, sold_at, received_at,"
    + " category, country, channel)"
    + " VALUES " + MultiRow.placeholders(rows, 13));

  /** Held by every ingesting transaction until it commits; see the rollup worker, which takes it exclusively. */
  public static final String HOLD_GATE = "SELECT id FROM ingest_gate WHERE id = 1 LOCK IN SHARE MODE";

  /** The stored sales among some eventIds, {@link MultiRow} shapes of 1..256 eventIds. */
  public static final String[] BY_EVENTS = MultiRow.shapes(rows -> "SELECT " + COLUMNS + " FROM sale WHERE event_id IN ("
    + "?, ".repeat(rows - 1) + "?)");

  static final String LIST = "SELECT " + COLUMNS + " FROM sale"
    + " WHERE id > ?"
    + " AND (? IS NULL OR brand_id = ?)"
    + " AND (? IS NULL OR product_id = ?)"
    + " AND (? IS NULL OR store_id = ?)"
    + " AND (? IS NULL OR sold_at >= ?)"
    + " AND (? IS NULL OR sold_at < ?)"
    + " ORDER BY id LIMIT ?";

  private SaleSql() {
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
