package io.brandstats.common;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Function;

/**
 * What every catalogue table (brand, product, store) does the same way: read by id, keyset pages,
 * versioned updates that answer 412 when stale, and archiving instead of deleting. Each service keeps
 * its own SQL and row mapping; this keeps the flows identical.
 */
public final class CatalogueTable {

  /**
   * The statements of one table. {@code update} ends with {@code WHERE id = ? AND (? IS NULL OR version = ?)}
   * and bumps the version; {@code archive} takes (updated_at, id) and matches only rows not yet archived.
   */
  public record Statements(String byId, String exists, String update, String archive) {

    /** The statements every catalogue table words the same way, built once from its (constant) name. */
    public static Statements of(String table, String byId, String update) {
      return new Statements(byId,
        "SELECT 1 FROM " + table + " WHERE id = ?",
        update,
        "UPDATE " + table + " SET status = 'archived', updated_at = ?, version = version + 1"
          + " WHERE id = ? AND status <> 'archived'");
    }
  }

  private final Pool pool;
  private final String entity;
  private final Statements sql;
  private final Function<Row, JsonObject> mapper;

  /** @param entity the entity's name as clients read it in problems, e.g. "brand" */
  public CatalogueTable(Pool pool, String entity, Statements sql, Function<Row, JsonObject> mapper) {
    this.pool = pool;
    this.entity = entity;
    this.sql = sql;
    this.mapper = mapper;
  }

  public Future<JsonObject> get(long id) {
    return pool.preparedQuery(sql.byId()).execute(Tuple.of(id)).map(rows -> one(rows, id));
  }

  /**
   * Runs the update (its last three parameters: id, expected version, expected version) and answers the
   * row as it now is; 404 when there is no such row, 412 when it is no longer at the expected version.
   */
  public Future<JsonObject> update(long id, Tuple params) {
    return pool.withTransaction(conn -> conn.preparedQuery(sql.update()).execute(params)
      .compose(updated -> updated.rowCount() == 1
        ? conn.preparedQuery(sql.byId()).execute(Tuple.of(id)).map(rows -> one(rows, id))
        : notUpdated(conn, id)));
  }

  private Future<JsonObject> notUpdated(SqlConnection conn, long id) {
    return conn.preparedQuery(sql.exists()).execute(Tuple.of(id)).map(rows -> {
      throw (rows.size() == 0 ? notFound(id) : stale(id)).toException();
    });
  }

  /** Archives the row; true when this call changed it, false when it was archived already; 404 when absent. */
  public Future<Boolean> archive(long id) {
    return pool.preparedQuery(sql.archive()).execute(Tuple.of(Timestamps.now(), id)).compose(archived -> {
      if (archived.rowCount() == 1) {
        return Future.succeededFuture(true);
      }
      return pool.preparedQuery(sql.exists()).execute(Tuple.of(id)).map(rows -> {
        if (rows.size() == 0) {
          throw notFound(id).toException();
        }
        return false;
      });
    });
  }

  /** One keyset page of this table; see {@link KeysetPages}. */
  public Future<JsonObject> page(String pageSql, Tuple params, int limit, String path, JsonObject query,
                                 List<String> filters) {
    return KeysetPages.fetch(pool, pageSql, params, limit, path, query, filters, mapper);
  }

  public Problem stale(long id) {
    return Problem.preconditionFailed("The " + entity + " " + id + " has changed since the ETag in If-Match "
      + "was read; fetch it again and retry.");
  }

  public Problem notFound(long id) {
    return Problem.notFound("There is no " + entity + " " + id + ".");
  }

  private JsonObject one(RowSet<Row> rows, long id) {
    if (rows.size() == 0) {
      throw notFound(id).toException();
    }
    return mapper.apply(rows.iterator().next());
  }
}
