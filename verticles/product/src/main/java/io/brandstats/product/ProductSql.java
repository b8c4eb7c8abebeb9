package io.brandstats.product;

import io.brandstats.common.CatalogueTable;
import io.brandstats.common.Timestamps;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** Every statement the product service runs, prepared, and the one mapping from a row to the API's shape. */
final class ProductSql {

  private static final String COLUMNS =
    "id, brand_id, sku, name, category, price, currency, status, created_at, updated_at, version";

  /** Keyset page: optional filters are "? IS NULL OR ..." so one prepared statement serves every combination. */
  static final String LIST = "SELECT " + COLUMNS + " FROM product"
    + " WHERE id > ?"
    + " AND (? IS NULL OR brand_id = ?)"
    + " AND (? IS NULL OR category = ?)"
    + " AND (? IS NULL OR status = ?)"
    + " AND (? IS NULL OR name LIKE ?)"
    + " ORDER BY id LIMIT ?";

  static final String BY_ID = "SELECT " + COLUMNS + " FROM product WHERE id = ?";

  static final String INSERT = "INSERT INTO product"
    + " (brand_id, sku, name, category, price, currency, status, created_at, updated_at, version)"
    + " VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, 1)";

  static final String UPDATE = "UPDATE product SET brand_id = ?, sku = ?, name = ?, category = ?, price = ?,"
    + " currency = ?, status = COALESCE(?, status), updated_at = ?, version = version + 1"
    + " WHERE id = ?" + CatalogueTable.IF_MATCH;

  static final CatalogueTable.Statements STATEMENTS = CatalogueTable.Statements.of("product", BY_ID, UPDATE);

  private ProductSql() {
  }

  static JsonObject from(Row row) {
    return new JsonObject()
      .put("id", row.getLong("id"))
      .put("brandId", row.getLong("brand_id"))
      .put("sku", row.getString("sku"))
      .put("name", row.getString("name"))
      .put("category", row.getString("category"))
      .put("price", row.getBigDecimal("price"))
      .put("currency", row.getString("currency"))
      .put("status", row.getString("status"))
      .put("createdAt", Timestamps.iso(row.getLocalDateTime("created_at")))
      .put("updatedAt", Timestamps.iso(row.getLocalDateTime("updated_at")))
      .put("version", row.getLong("version"));
  }
}
