package io.brandstats.common;

import io.brandstats.common.replica.ReadPools;
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

  /** The end of a statement's WHERE that holds only while the version is one an If-Match names: {@link ETags.IfMatch#sqlVersions()} twice. */
  public static final String IF_MATCH = " AND (? IS NULL OR FIND_IN_SET(version, ?) > 0)";

  /**
   * The statements of one table. {@code update} ends with {@code WHERE id = ?} and {@link #IF_MATCH} and bumps the
   * version; {@code archive} takes (updated_at, id, If-Match twice) and matches only rows not yet archived.
   */
  public record Statements(String byId, String version, String update, String archive) {

    /** The statements every catalogue table words the same way, built once from its (constant) name. */
    public static Statements of(String table, String byId, String update) {
      return new Statements(byId,
        "SELECT version FROM " + table + " WHERE id = ?",
        update,
        "UPDATE " + table + " SET status = 'archived', updated_at = ?, version = version + 1"
          + " WHERE id = ? AND status <> 'archived'" + IF_MATCH);
    }
  }

  private final Pool pool;
  private final ReadPools reads;
  private final String entity;
  private final Statements sql;
  private final Function<Row, JsonObject> mapper;

  /**
   * @param pool   the primary: writes and conditional updates
   * @param reads  where gets and pages go (a replica when in use)
   * @param entity the entity's name as clients read it in problems, e.g. "brand"
   */
  public CatalogueTable(Pool pool, ReadPools reads, String entity, Statements sql, Function<Row, JsonObject> mapper) {
    this.pool = pool;
    this.reads = reads;
    this.entity = entity;
    this.sql = sql;
    this.mapper = mapper;
  }

  public Future<JsonObject> get(long id) {
    return reads.readEntity(id, client -> client.preparedQuery(sql.byId()).execute(Tuple.of(id)), rows -> rows.size() == 0)
      .map(rows -> one(rows, id));
  }

  /**
   * Runs the update (its last three parameters: id and the If-Match versions twice) and answers the row as it
   * now is; 404 when there is no such row, 412 when it is at no version the If-Match names.
   */
  public Future<JsonObject> update(long id, Tuple params) {
    return pool.withTransaction(conn -> conn.preparedQuery(sql.update()).execute(params)
      .compose(updated -> updated.rowCount() == 1
        ? conn.preparedQuery(sql.byId()).execute(Tuple.of(id)).map(rows -> one(rows, id))
        : notUpdated(conn, id)));
  }

  private Future<JsonObject> notUpdated(SqlConnection conn, long id) {
    return conn.preparedQuery(sql.version()).execute(Tuple.of(id)).map(rows -> {
      throw (rows.size() == 0 ? notFound(id) : stale(id)).toException();
    });
  }

  /**
   * Archives the row if it is at a version the If-Match names; true when this call changed it, false when it was
   * archived already; 404 when absent, 412 when it is at another version.
   */
  public Future<Boolean> archive(long id, ETags.IfMatch ifMatch) {
    String versions = ifMatch.sqlVersions();
    return pool.preparedQuery(sql.archive()).execute(Tuple.of(Timestamps.now(), id, versions, versions)).compose(archived -> {
      if (archived.rowCount() == 1) {
        return Future.succeededFuture(true);
      }
      return pool.preparedQuery(sql.version()).execute(Tuple.of(id)).map(rows -> {
        if (rows.size() == 0) {
          throw notFound(id).toException();
        }
        if (!ifMatch.matches(rows.iterator().next().getLong("version"))) {
          throw stale(id).toException();
        }
        return false;
      });
    });
  }

  /** One keyset page of this table; see {@link KeysetPages}. */
  public Future<JsonObject> page(String pageSql, Tuple params, int limit, String path, JsonObject query,
                                 List<String> filters) {
    return reads.read(client -> KeysetPages.fetch(client, pageSql, params, limit, path, query, filters, mapper));
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
