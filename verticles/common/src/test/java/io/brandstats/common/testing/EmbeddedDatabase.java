package io.brandstats.common.testing;

import io.brandstats.common.DbConfig;
import io.brandstats.embedded.EmbeddedMariaDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real MariaDB for a module's tests: one embedded server per test JVM, started when the first test class
 * needs it and stopped when the run ends, its data under {@code target/embedded-db}; each test class gets a
 * database of its own, dropped first so it starts empty (migrations create it). Register it in a static
 * field, {@code @RegisterExtension static final EmbeddedDatabase DB = new EmbeddedDatabase();}, and read
 * {@link #config()} from {@code @BeforeAll} on.
 */
public final class EmbeddedDatabase implements BeforeAllCallback {

  private static final Path DATA_DIR = Path.of("target", "embedded-db");
  private static final int POOL_SIZE = 4;

  private DbConfig config;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Server server = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
      .getOrComputeIfAbsent(Server.class, key -> Server.start(), Server.class);
    String database = "test_" + context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT);
    try (Connection connection = DriverManager.getConnection(server.url(), "root", server.db.rootPassword());
         Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + database);
    }
    config = new DbConfig("127.0.0.1", server.db.port(), database, "root", server.db.rootPassword(), POOL_SIZE);
  }

  /** This test class's own database. */
  public DbConfig config() {
    if (config == null) {
      throw new IllegalStateException("register EmbeddedDatabase in a static field with @RegisterExtension");
    }
    return config;
  }

  /** The server, kept in the run's root store so JUnit stops it once every test class is done. */
  private record Server(EmbeddedMariaDb db) implements ExtensionContext.Store.CloseableResource {

    static Server start() {
      try {
        return new Server(EmbeddedMariaDb.start(DATA_DIR, 0));
      } catch (Exception e) {
        throw new IllegalStateException("The embedded MariaDB did not start", e);
      }
    }

    String url() {
      return "jdbc:mariadb://127.0.0.1:" + db.port() + "/";
    }

    @Override
    public void close() throws Exception {
      db.stop();
    }
  }
}
