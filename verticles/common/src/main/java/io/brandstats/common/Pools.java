package io.brandstats.common;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** Each service's own reactive MySQL pool, created the same way everywhere. */
public final class Pools {

  /** Longest statement kept prepared per connection: every multi-row shape the services send fits. */
  public static final int PREPARED_SQL_LIMIT = 16 * 1024;

  private Pools() {
  }

  public static Pool create(Vertx vertx, DbConfig db) {
    return create(vertx, db, db.database() + "-pool");
  }

  /** @param name the pool's name in metrics; a replica's pool has its own */
  public static Pool create(Vertx vertx, DbConfig db, String name) {
    MySQLConnectOptions connect = new MySQLConnectOptions()
      .setHost(db.host())
      .setPort(db.port())
      .setDatabase(db.database())
      .setUser(db.user())
      .setPassword(db.password())
      .setCharset("utf8mb4")
      .setCachePreparedStatements(true)
      // The client caches only statements up to 2,048 characters by default; a batch's multi-row INSERT of 256
      // sales is about 10,500, and preparing it again for every batch cost the node and MariaDB alike.
      .setPreparedStatementCacheSqlLimit(PREPARED_SQL_LIMIT)
      .setPipeliningLimit(256)
      // A query made within a traced request gets a span (its statement text has ? for every value); none starts one.
      .setTracingPolicy(TracingPolicy.PROPAGATE);
    PoolOptions pool = new PoolOptions()
      .setMaxSize(db.poolSize())
      .setName(name);
    return MySQLBuilder.pool().with(pool).connectingTo(connect).using(vertx).build();
  }

  /** Readiness: the pool can hand out a connection and the server answers. */
  public static Future<Void> ping(Pool pool) {
    return pool.query("SELECT 1").execute().mapEmpty();
  }
}
