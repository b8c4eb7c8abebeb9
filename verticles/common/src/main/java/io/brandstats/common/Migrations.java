package io.brandstats.common;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.flywaydb.core.Flyway;
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
      var result = Flyway.configure()
        // No database in the URL: Flyway creates the service's database if it is missing.
        .dataSource("jdbc:mariadb://" + db.host() + ":" + db.port() + "/", db.user(), db.password())
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
}
