package io.brandstats.store;

import io.brandstats.common.CatalogueTable;
import io.brandstats.common.Timestamps;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** Every statement the store service runs, prepared, and the one mapping from a row to the API's shape. */
final class StoreSql {

  private static final String COLUMNS = "id, code, name, city, country, channel, status, created_at, updated_at, version";

  /** Keyset page: optional filters are "? IS NULL OR ..." so one prepared statement serves every combination. */
  static final String LIST = "SELECT " + COLUMNS + " FROM store"
    + " WHERE id > ?"
    + " AND (? IS NULL OR country = ?)"
    + " AND (? IS NULL OR city = ?)"
    + " AND (? IS NULL OR channel = ?)"
    + " AND (? IS NULL OR status = ?)"
    + " AND (? IS NULL OR name LIKE ?)"
    + " ORDER BY id LIMIT ?";

  static final String BY_ID = "SELECT " + COLUMNS + " FROM store WHERE id = ?";

  static final String INSERT = "INSERT INTO store (code, name, city, country, channel, status, created_at, updated_at, version)"
    + " VALUES (?, ?, ?, ?, ?, 'active', ?, ?, 1)";

  static final String UPDATE = "UPDATE store SET code = ?, name = ?, city = ?, country = ?, channel = ?,"
    + " status = COALESCE(?, status), updated_at = ?, version = version + 1"
    + " WHERE id = ?" + CatalogueTable.IF_MATCH;

  static final CatalogueTable.Statements STATEMENTS = CatalogueTable.Statements.of("store", BY_ID, UPDATE);

  private StoreSql() {
  }

  static JsonObject from(Row row) {
    return new JsonObject()
      .put("id", row.getLong("id"))
      .put("code", row.getString("code"))
      .put("name", row.getString("name"))
      .put("city", row.getString("city"))
      .put("country", row.getString("country"))
      .put("channel", row.getString("channel"))
      .put("status", row.getString("status"))
      .put("createdAt", Timestamps.iso(row.getLocalDateTime("created_at")))
      .put("updatedAt", Timestamps.iso(row.getLocalDateTime("updated_at")))
      .put("version", row.getLong("version"));
  }
}
