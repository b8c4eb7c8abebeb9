package io.brandstats.stats.rollups;

import io.brandstats.common.upstream.Lookup;
import io.brandstats.common.upstream.UpstreamClient;
import io.brandstats.common.upstream.UpstreamException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sales stored before sales kept their facets get them from the product and store services, once, at start
 * (through the same resilient clients ingestion uses): the rollups count no sale until every sale has its facets
 * (rollup_state.facets_pending). An owner that cannot be asked is asked again later; an entity it does not know
 * any more gets '' (unknown), which no filter matches.
 */
public final class FacetBackfill {

  private static final Logger LOG = LoggerFactory.getLogger(FacetBackfill.class);
  private static final long RETRY_MS = 5000;

  private static final String PENDING = "SELECT facets_pending FROM rollup_state WHERE id = 1";
  private static final String PRODUCTS = "SELECT DISTINCT product_id AS id FROM sale WHERE category IS NULL";
  private static final String STORES = "SELECT DISTINCT store_id AS id FROM sale WHERE country IS NULL OR channel IS NULL";
  private static final String SET_CATEGORY = "UPDATE sale SET category = ? WHERE product_id = ? AND category IS NULL";
  private static final String SET_STORE = "UPDATE sale SET country = ?, channel = ?"
    + " WHERE store_id = ? AND (country IS NULL OR channel IS NULL)";

  private final Vertx vertx;
  private final Pool pool;
  private final UpstreamClient products;
  private final UpstreamClient stores;

  public FacetBackfill(Vertx vertx, Pool pool, UpstreamClient products, UpstreamClient stores) {
    this.vertx = vertx;
    this.pool = pool;
    this.products = products;
    this.stores = stores;
  }

  /** Runs in the background until every sale has its facets. */
  public void start() {
    pool.query(PENDING).execute().onSuccess(rows -> {
      if (rows.iterator().next().getBoolean("facets_pending")) {
        LOG.info("Filling in the facets of sales stored before they were kept; statistics wait for it");
        attempt();
      }
    }).onFailure(failure -> LOG.warn("Could not read whether sales lack facets", failure));
  }

  private void attempt() {
    fill(PRODUCTS, products, (id, product) -> Tuple.of(product == null ? "" : product.getString("category"), id),
      SET_CATEGORY)
      .compose(done -> fill(STORES, stores, (id, store) -> store == null ? Tuple.of("", "", id)
        : Tuple.of(store.getString("country"), store.getString("channel"), id), SET_STORE))
      .compose(done -> pool.query(RollupSql.FACETS_DONE).execute())
      .onSuccess(done -> LOG.info("Every sale has its facets; the rollups count them now"))
      .onFailure(failure -> {
        LOG.warn("Filling in facets failed ({}); trying again in {} ms", failure.getMessage(), RETRY_MS);
        vertx.setTimer(RETRY_MS, id -> attempt());
      });
  }

  private interface Update {
    Tuple of(long id, JsonObject entity);
  }

  private Future<?> fill(String missing, UpstreamClient owner, Update update, String statement) {
    return pool.query(missing).execute().compose(rows -> {
      List<Future<?>> updates = new ArrayList<>();
      for (Row row : rows) {
        long id = row.getLong("id");
        updates.add(entity(owner, id).compose(entity ->
          pool.preparedQuery(statement).execute(update.of(id, entity))));
      }
      return Future.all(updates);
    });
  }

  /** The entity, or null when its owner does not know it; a failure when the owner cannot be asked. */
  private static Future<JsonObject> entity(UpstreamClient owner, long id) {
    return owner.get(id).map(Lookup::entity).recover(failure ->
      failure instanceof UpstreamException e && e.kind() == UpstreamException.Kind.NOT_FOUND
        ? Future.succeededFuture(null) : Future.failedFuture(failure));
  }
}
