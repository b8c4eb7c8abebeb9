package io.brandstats.common;

import io.netty.handler.codec.http.QueryStringEncoder;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset pages, {@code {"items":[..],"next":url-or-null}}: the statement orders by id, starts after the
 * cursor's id and takes {@code limit + 1} rows, so a further row means there is a next page. The next
 * link keeps the caller's filters and moves the cursor: a walk sees every row once.
 */
public final class KeysetPages {

  private KeysetPages() {
  }

  public static Future<JsonObject> fetch(SqlClient client, String pageSql, Tuple params, int limit, String path,
                                         JsonObject query, List<String> filters, Function<Row, JsonObject> mapper) {
    return client.preparedQuery(pageSql).execute(params).map(rows -> {
      JsonArray items = new JsonArray();
      long lastId = 0;
      for (Row row : rows) {
        if (items.size() == limit) {
          return new JsonObject().put("items", items).put("next", nextPage(path, query, filters, limit, lastId));
        }
        items.add(mapper.apply(row));
        lastId = row.getLong("id");
      }
      return new JsonObject().put("items", items).putNull("next");
    });
  }

  private static String nextPage(String path, JsonObject query, List<String> filters, int limit, long lastId) {
    QueryStringEncoder next = new QueryStringEncoder(path);
    next.addParam("limit", Integer.toString(limit));
    for (String filter : filters) {
      Object value = query.getValue(filter);
      if (value != null) {
        next.addParam(filter, value.toString());
      }
    }
    next.addParam("cursor", Cursors.after(lastId));
    return next.toString();
  }
}
