package io.brandstats.brand;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.ZoneOffset;

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

  /** Matches only when the version is still the expected one (or none is expected). */
  static final String UPDATE = "UPDATE brand SET name = ?, country = ?, website = ?, status = COALESCE(?, status),"
    + " updated_at = ?, version = version + 1"
    + " WHERE id = ? AND (? IS NULL OR version = ?)";

  static final String ARCHIVE = "UPDATE brand SET status = 'archived', updated_at = ?, version = version + 1"
    + " WHERE id = ? AND status <> 'archived'";

  static final String EXISTS = "SELECT 1 FROM brand WHERE id = ?";

  private BrandSql() {
  }

  static JsonObject from(Row row) {
    return new JsonObject()
      .put("id", row.getLong("id"))
      .put("name", row.getString("name"))
      .put("country", row.getString("country"))
      .put("website", row.getString("website"))
      .put("status", row.getString("status"))
      .put("createdAt", row.getLocalDateTime("created_at").toInstant(ZoneOffset.UTC).toString())
      .put("updatedAt", row.getLocalDateTime("updated_at").toInstant(ZoneOffset.UTC).toString())
      .put("version", row.getLong("version"));
  }

  /** A LIKE pattern matching names that start with the given text, taken literally. */
  static String prefixPattern(String prefix) {
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
