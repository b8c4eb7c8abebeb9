package io.brandstats.stats.ingestion;

import io.brandstats.common.Problem;
import io.brandstats.common.upstream.Lookup;
import io.brandstats.common.upstream.UpstreamClient;
import io.brandstats.common.upstream.UpstreamException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a request's products (brand, price, currency) and stores through the services that own them: one
 * lookup per distinct id, all at once. A product or store its owner does not know, or that is archived,
 * rejects the sales naming it; an owner that cannot be asked, with nothing cached, refuses the whole request.
 *
 * @param products the product service's client
 * @param stores   the store service's client
 */
record SaleResolution(UpstreamClient products, UpstreamClient stores) {

  /**
   * Looks up the products and stores of the sales still in play (those with a soldAt). Fails with the common
   * 503 when an owner could not be asked and what a sale needs from it is not cached: nothing may be stored then.
   */
  Future<Found> lookUp(List<JsonObject> sales, LocalDateTime[] soldAt) {
    Map<Long, Future<Lookup>> productLookups = lookups(products, sales, soldAt, "productId");
    Map<Long, Future<Lookup>> storeLookups = lookups(stores, sales, soldAt, "storeId");
    List<Future<Lookup>> all = new ArrayList<>(productLookups.values());
    all.addAll(storeLookups.values());
    return Future.join(all).transform(done -> {
      for (Future<Lookup> lookup : all) {
        if (lookup.failed() && lookup.cause() instanceof UpstreamException e
          && e.kind() == UpstreamException.Kind.UNAVAILABLE) {
          return Future.failedFuture(e.toProblem("no sale of this request was stored").toException());
        }
        if (lookup.failed() && !(lookup.cause() instanceof UpstreamException)) {
          return Future.failedFuture(new IllegalStateException("lookup failed", lookup.cause()));
        }
      }
      return Future.succeededFuture(new Found(productLookups, storeLookups));
    });
  }

  private static Map<Long, Future<Lookup>> lookups(UpstreamClient client, List<JsonObject> sales, LocalDateTime[] soldAt,
                                                   String field) {
    Set<Long> ids = new LinkedHashSet<>();
    for (int i = 0; i < soldAt.length; i++) {
      if (soldAt[i] != null) {
        ids.add(sales.get(i).getLong(field));
      }
    }
    Map<Long, Future<Lookup>> lookups = new HashMap<>();
    ids.forEach(id -> lookups.put(id, client.get(id)));
    return lookups;
  }

  /** What the owners answered: each lookup has succeeded, or failed because the owner knows no such entity. */
  record Found(Map<Long, Future<Lookup>> products, Map<Long, Future<Lookup>> stores) {

    /** The sale's product, or null when it does not exist or is archived (the sale is rejected with 422). */
    JsonObject product(int i, JsonObject sale, Outcomes outcomes) {
      JsonObject product = usable(products.get(sale.getLong("productId")));
      if (product == null) {
        outcomes.rejected(i, Problem.of(422, "Product " + sale.getLong("productId") + " does not exist or is archived."),
          "productId", "must name an existing, active product");
      }
      return product;
    }

    /** The sale's store, or null when it does not exist or is archived (the sale is rejected with 422). */
    JsonObject store(int i, JsonObject sale, Outcomes outcomes) {
      JsonObject store = usable(stores.get(sale.getLong("storeId")));
      if (store == null) {
        outcomes.rejected(i, Problem.of(422, "Store " + sale.getLong("storeId") + " does not exist or is archived."),
          "storeId", "must name an existing, active store");
      }
      return store;
    }

    private static JsonObject usable(Future<Lookup> lookup) {
      if (lookup.failed() || !"active".equals(lookup.result().entity().getString("status"))) {
        return null;
      }
      return lookup.result().entity();
    }
  }
}
