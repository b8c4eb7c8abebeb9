package io.brandstats.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.DbConfig;
import io.brandstats.common.Migrations;
import io.brandstats.config.VerticleConfigs.EmbeddedLogin;
import io.brandstats.testkit.BrandstatsExtension;
import io.brandstats.testkit.TestNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Several nodes of one service starting at once against a new database, as in a cluster's first start. */
@ExtendWith({VertxExtension.class, BrandstatsExtension.class})
@DisplayName("Migrations run by several nodes at once")
class ConcurrentMigrationsTest {

  @Test
  @DisplayName("four brand nodes migrating one new database at the same moment all start, and each migration runs once")
  void concurrentMigrationsApplyOnce(Vertx vertx, TestNode node) {
    EmbeddedLogin admin = node.brandstats().embeddedDatabaseAdmin().orElseThrow();
    int port = admin.port();
    String database = "brand_concurrent_" + System.nanoTime();
    DbConfig db = new DbConfig("127.0.0.1", port, database, admin.user(), admin.password(), 2);

    List<Future<Void>> nodes = IntStream.range(0, 4).mapToObj(i -> Migrations.migrate(vertx, db, "db/brand")).toList();
    Future.all(nodes).await();

    Pool pool = MySQLBuilder.pool()
      .connectingTo(new MySQLConnectOptions().setHost("127.0.0.1").setPort(port).setDatabase(database).setUser(admin.user())
        .setPassword(admin.password()))
      .using(vertx).build();
    try {
      List<Row> applied = pool.query("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")
        .execute().await().stream().toList();
      assertThat(applied).extracting(row -> row.getString("version")).containsExactly("1", "2");
      assertThat(applied).allSatisfy(row -> assertThat(row.getBoolean("success")).isTrue());
    } finally {
      pool.close().await();
    }
  }
}
