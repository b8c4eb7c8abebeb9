package io.brandstats.launcher;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What a node holds, as its API shows it: every brand, store and product with its version and status, every sale,
 * and the statistics' totals over a window. Two snapshots are equal when nothing was written in between.
 */
record StateSnapshot(List<String> brands, List<String> stores, List<String> products, List<String> sales,
                     JsonObject totals) {

  static StateSnapshot of(Api api, String window) {
    return new StateSnapshot(walk(api, "/brands?limit=100"), walk(api, "/stores?limit=100"),
      walk(api, "/products?limit=100"), walk(api, "/sales?limit=100"),
      api.get("/stats/summary?" + window).json().getJsonObject("totals"));
  }

  /** Each item of every page, following next links: id, version and status, or id and eventId for a sale. */
  private static List<String> walk(Api api, String first) {
    List<String> items = new ArrayList<>();
    for (String page = first; page != null; ) {
      JsonObject answer = api.get(page).json();
      answer.getJsonArray("items").forEach(item -> {
        JsonObject entity = (JsonObject) item;
        items.add(entity.getLong("id") + ":" + entity.getValue("version", entity.getString("eventId")) + ":"
          + entity.getString("status", entity.getString("soldAt")));
      });
      page = answer.getString("next");
    }
    return items;
  }
}
