package io.brandstats.common;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.LocalDateTime;
import java.util.function.Function;

/** A service that keeps one catalogue table (brand, product, store) with the flows they all share. */
public abstract class CatalogueVerticle extends ServiceVerticle {

  private final String entity;
  private final CatalogueTable.Statements statements;
  private final Function<Row, JsonObject> mapper;
  /** The service's own table, with the flows every catalogue shares. */
  protected CatalogueTable table;

  /**
   * @param entity the service's name: its migrations folder (db/entity), its addresses, its problems
   * @param statements its table's shared statements
   * @param mapper its one mapping from a row to the API's shape
   */
  protected CatalogueVerticle(String entity, CatalogueTable.Statements statements, Function<Row, JsonObject> mapper) {
    super(entity);
    this.entity = entity;
    this.statements = statements;
    this.mapper = mapper;
  }

  @Override
  protected Future<?> prepare() {
    table = new CatalogueTable(pool, reads, entity, statements, mapper);
    return Future.succeededFuture();
  }

  /**
   * The answer to a create, without reading the row back: the fields as sent and stored, with the new
   * id, status active, both timestamps and version 1. Publishes the change.
   */
  protected ServiceReply created(RowSet<Row> inserted, JsonObject fields, LocalDateTime now, String path) {
    long id = inserted.property(MySQLClient.LAST_INSERTED_ID);
    JsonObject entity = fields.copy()
      .put("id", id)
      .put("status", "active")
      .put("createdAt", Timestamps.iso(now))
      .put("updatedAt", Timestamps.iso(now))
      .put("version", 1L);
    published(id);
    return ServiceReply.created(entity, path + id);
  }

  /** The answer to an update: the row as it now is, with its new ETag. Publishes the change. */
  protected ServiceReply updated(long id, JsonObject entity) {
    published(id);
    return ServiceReply.entity(entity);
  }

  /** GET by id: 200 with the ETag, or 404. */
  protected Future<ServiceReply> read(ServiceRequest request) {
    return table.get(request.pathLong("id")).map(ServiceReply::entity);
  }

  /**
   * DELETE archives: history and statistics keep resolving the entity; it just cannot be newly
   * referenced. Archiving an archived entity changes nothing (and publishes nothing). With If-Match, only
   * while the entity is at a version it names (else 412).
   */
  protected Future<ServiceReply> archive(ServiceRequest request) {
    long id = request.pathLong("id");
    return table.archive(id, ETags.ifMatch(request.header("if-match"))).map(changed -> {
      if (changed) {
        published(id);
      }
      return ServiceReply.noContent();
    });
  }
}
