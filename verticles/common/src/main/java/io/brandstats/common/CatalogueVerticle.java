package io.brandstats.common;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
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
    table = new CatalogueTable(pool, entity, statements, mapper);
    return Future.succeededFuture();
  }

  /** GET by id: 200 with the ETag, or 404. */
  protected Future<ServiceReply> read(ServiceRequest request) {
    return table.get(request.pathLong("id")).map(ServiceReply::entity);
  }

  /**
   * DELETE archives: history and statistics keep resolving the entity; it just cannot be newly
   * referenced. Archiving an archived entity changes nothing (and publishes nothing).
   */
  protected Future<ServiceReply> archive(ServiceRequest request) {
    long id = request.pathLong("id");
    return table.archive(id).map(changed -> {
      if (changed) {
        published(id);
      }
      return ServiceReply.noContent();
    });
  }
}
