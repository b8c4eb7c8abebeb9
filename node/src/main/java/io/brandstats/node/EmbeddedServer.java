package io.brandstats.node;

import io.brandstats.config.VerticleConfigs;
import io.brandstats.embedded.DataDirInUseException;
import io.brandstats.embedded.EmbeddedMariaDb;
import io.brandstats.embedded.ServiceAccount;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded MariaDB as a node starts it: in embedded.dataDir, with a user of its own for each service using it. */
final class EmbeddedServer {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);

  private EmbeddedServer() {
  }

  /**
   * @param dataServices this node's services that own a database; those naming no db.host get their user here
   * @throws DataDirInUseException naming the other process and the fix, when another node holds the folder
   */
  static EmbeddedMariaDb start(JsonObject config, List<String> dataServices) throws Exception {
    if (!EmbeddedMariaDb.serverIncluded()) {
      throw new IllegalArgumentException("This jar has no embedded database (brandstats-node.jar is for nodes on an "
        + "external one): set db.host (BRANDSTATS_DB_HOST) and its login, or run brandstats.jar, which has it.");
    }
    List<ServiceAccount> accounts = dataServices.stream()
      .filter(service -> VerticleConfigs.hostOf(config, service).isEmpty())
      .map(service -> new ServiceAccount(service, VerticleConfigs.databaseName(config, service)))
      .toList();
    JsonObject embedded = config.getJsonObject("embedded");
    Path dataDir = Path.of(embedded.getString("dataDir"));
    long started = System.nanoTime();
    EmbeddedMariaDb db;
    try {
      String serverDir = embedded.getString("serverDir");
      db = EmbeddedMariaDb.start(dataDir, embedded.getInteger("port"), accounts,
        serverDir.isEmpty() ? null : Path.of(serverDir));
    } catch (DataDirInUseException inUse) {
      throw new DataDirInUseException(inUse.getMessage() + " Stop it, or give this node a data folder of its own: "
        + "--data-dir DIR (embedded.dataDir).");
    }
    LOG.info("Embedded MariaDB on 127.0.0.1:{} with data in {} ({} ms)", db.port(), dataDir.toAbsolutePath(),
      (System.nanoTime() - started) / 1_000_000);
    return db;
  }

  /**
   * A cluster's nodes share one database. The embedded one lives and dies with the node that starts it
   * and listens on loopback only, so it serves a cluster only for a try-out on one host, and only at a
   * port the other nodes can be told.
   */
  static void checkShareable(JsonObject config) {
    int port = config.getJsonObject("embedded").getInteger("port");
    if (port == 0) {
      throw new IllegalArgumentException("A cluster needs one database all nodes share: set db.host and db.port "
        + "(BRANDSTATS_DB_HOST, BRANDSTATS_DB_PORT) to a MySQL or MariaDB server. The embedded database is for one "
        + "node; to try a cluster on one host with it, give it a fixed port (embedded.port, BRANDSTATS_EMBEDDED_PORT) "
        + "and point the other nodes' db.host/db.port at 127.0.0.1 and that port, db.password at root's (in "
        + "<embedded.dataDir>/mariadb-root.key).");
    }
    LOG.warn("This node starts the embedded database on 127.0.0.1:{} for the cluster: it stops when this node "
      + "stops, and only nodes on this host can reach it. Production clusters use an external database.", port);
  }
}
