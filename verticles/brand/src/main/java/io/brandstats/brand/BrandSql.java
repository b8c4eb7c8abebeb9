package io.brandstats.brand;

import io.brandstats.common.CatalogueTable;
import io.brandstats.common.Timestamps;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** Every statement the brand service runs, prepared, and the one mapping from a row to the API's shape. */
final class BrandSql {

  private static final String COLUMNS = "id, name, country, website, status, created_at, updated_at, version";

  /** Keyset page: optional filters are "? IS NULL OR ..." so one prepared statement serves every combination. */
  static final String LIST = "SELECT " + COLUMNS + " FROM brand"
    + " WHERE id > ?"
    + " AND (? IS NULL OR country = ?)"
    + " AND (? IS NULL OR status = ?)"
    + " AND (? IS NULL OR name LIKE ?)"
    + " ORDER BY id LIMIT ?";

  static final String BY_ID = "SELECT " + COLUMNS + " FROM brand WHERE id = ?";

  static final String INSERT = "INSERT INTO brand (name, country, website, status, created_at, updated_at, version)"
    + " VALUES (?, ?, ?, 'active', ?, ?, 1)";

  /** Matches only while the version is one If-Match names (or it names none). */
  static final String UPDATE = "UPDATE brand SET name = ?, country = ?, website = ?, status = COALESCE(?, status),"
    + " updated_at = ?, version = version + 1"
    + " WHERE id = ?" + CatalogueTable.IF_MATCH;

  static final CatalogueTable.Statements STATEMENTS = CatalogueTable.Statements.of("brand", BY_ID, UPDATE);

  private BrandSql() {
  }

  static JsonObject from(Row row) {
    return new JsonObject()
      .put("id", row.getLong("id"))
      .put("name", row.getString("name"))
      .put("country", row.getString("country"))
      .put("website", row.getString("website"))
      .put("status", row.getString("status"))
      .put("createdAt", Timestamps.iso(row.getLocalDateTime("created_at")))
      .put("updatedAt", Timestamps.iso(row.getLocalDateTime("updated_at")))
      .put("version", row.getLong("version"));
  }
}
