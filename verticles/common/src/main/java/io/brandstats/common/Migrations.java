package io.brandstats.common;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a service's database to its newest schema with Flyway (versioned, checksummed, locked
 * so several nodes starting at once migrate once). JDBC is blocking: this runs on a worker thread.
 */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {
  }

  /** @param location the classpath folder of the service's migrations, e.g. {@code db/brand} */
  public static Future<Void> migrate(Vertx vertx, DbConfig db, String location) {
    return vertx.executeBlocking(() -> {
      // Connected to its own database, Flyway returns the connection to it; connected to none, it would return
      // it to none by creating and dropping a database, which a service's own user may not do. So the URL names
      // the database, unless it does not exist yet (an external server's first start): then Flyway creates it.
      String url = "jdbc:mariadb://" + db.host() + ":" + db.port() + "/";
      MigrateResult result = Flyway.configure()
        .dataSource(exists(url, db) ? url + db.database() : url, db.user(), db.password())
        .schemas(db.database())
        .createSchemas(true)
        .locations("classpath:" + location)
        .loggers("slf4j")
        .load()
        .migrate();
      LOG.info("Database {} is at schema version {} ({} migration(s) applied)",
        db.describe(), result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
        result.migrationsExecuted);
      return null;
    }, false);
  }

  private static boolean exists(String url, DbConfig db) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, db.user(), db.password());
         PreparedStatement query = connection.prepareStatement(
           "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
      query.setString(1, db.database());
      try (ResultSet found = query.executeQuery()) {
        return found.next();
      }
    }
  }
}
