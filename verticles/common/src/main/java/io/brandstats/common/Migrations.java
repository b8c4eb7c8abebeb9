package io.brandstats.common;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a service's database to its newest schema with Flyway (versioned, checksummed, locked
 * so several nodes starting at once migrate once). JDBC is blocking: this runs on a worker thread.
 */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  /** MySQL's and MariaDB's "Unknown database". */
  private static final int UNKNOWN_DATABASE = 1049;

  private Migrations() {
  }

  /** @param location the classpath folder of the service's migrations, e.g. {@code db/brand} */
  public static Future<Void> migrate(Vertx vertx, DbConfig db, String location) {
    return vertx.executeBlocking(() -> {
      MigrateResult result;
      try {
        // Connected to its own database, Flyway returns the connection to it; connected to none, it would
        // return it to none by creating and dropping a database, which a service's own user may not do.
        result = migrate(db, location, db.database());
      } catch (FlywayException missing) {
        if (!unknownDatabase(missing)) {
          throw missing;
        }
        // No database in the URL: Flyway creates the service's database.
        result = migrate(db, location, "");
      }
      LOG.info("Database {} is at schema version {} ({} migration(s) applied)",
        db.describe(), result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
        result.migrationsExecuted);
      return null;
    }, false);
  }

  private static MigrateResult migrate(DbConfig db, String location, String urlDatabase) {
    return Flyway.configure()
      .dataSource("jdbc:mariadb://" + db.host() + ":" + db.port() + "/" + urlDatabase, db.user(), db.password())
      .schemas(db.database())
      .createSchemas(true)
      .locations("classpath:" + location)
      .loggers("slf4j")
      .load()
      .migrate();
  }

  private static boolean unknownDatabase(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getErrorCode() == UNKNOWN_DATABASE) {
        return true;
      }
    }
    return false;
  }
}
