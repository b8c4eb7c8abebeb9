package io.brandstats.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One server for the whole class, with two services' users, as a node starts it; connections as a local user would make them. */
@DisplayName("The embedded database is private to the user running it")
class EmbeddedMariaDbTest {

  private static final Path DATA_DIR = Path.of("target", "embedded-private-" + ProcessHandle.current().pid());
  private static EmbeddedMariaDb db;

  @BeforeAll
  static void start() throws Exception {
    db = EmbeddedMariaDb.start(DATA_DIR, 0, List.of(new ServiceAccount("brand", "brand_private"),
      new ServiceAccount("store", "store_private")), null);
  }

  @AfterAll
  static void stop() throws Exception {
    db.stop();
    delete(DATA_DIR);
  }

  /** Test data folders hold a copy of the server's binaries: gone once the class is done. */
  static void delete(Path folder) throws IOException {
    if (Files.exists(folder)) {
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  static Connection connect(int port, String user, String password, String database) throws SQLException {
    return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/" + database, user, password);
  }

  private static Connection connect(String user, String password, String database) throws SQLException {
    return connect(db.port(), user, password, database);
  }

  @Test
  @DisplayName("no one gets in without the password: root without it or with another, a made-up user, a service with root's")
  void passwordsAreChecked() throws SQLException {
    assertRefused("root", "");
    assertRefused("root", "not-the-password");
    assertRefused("nobody", "");
    assertRefused("", "");
    assertRefused("brand", db.rootPassword());
    try (Connection root = connect("root", db.rootPassword(), "")) {
      assertThat(root.isValid(5)).isTrue();
    }
  }

  private static void assertRefused(String user, String password) {
    assertThatThrownBy(() -> connect(user, password, "").close()).as("%s with '%s'", user, password)
      .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
  }

  @Test
  @DisplayName("a service's user has every right on its own database and cannot read, or even see, another service's")
  void servicesKeepToTheirOwn() throws SQLException {
    try (Connection brand = connect("brand", db.password("brand"), "brand_private");
         Statement statement = brand.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS brand (id INT PRIMARY KEY, name VARCHAR(20))");
      statement.execute("REPLACE INTO brand VALUES (1, 'Northwind')");
      statement.execute("CREATE INDEX IF NOT EXISTS by_name ON brand (name)");
    }
    try (Connection store = connect("store", db.password("store"), "store_private");
         Statement statement = store.createStatement()) {
      assertThatThrownBy(() -> statement.executeQuery("SELECT name FROM brand_private.brand"))
        .isInstanceOf(SQLException.class).hasMessageContaining("denied");
      assertThatThrownBy(() -> statement.execute("CREATE DATABASE elsewhere")).hasMessageContaining("denied");
      ResultSet databases = statement.executeQuery("SHOW DATABASES");
      List<String> seen = new ArrayList<>();
      while (databases.next()) {
        seen.add(databases.getString(1));
      }
      assertThat(seen).contains("store_private").doesNotContain("brand_private", "mysql");
    }
    assertThatThrownBy(() -> connect("store", db.password("store"), "brand_private").close())
      .hasMessageContaining("denied");
  }

  @Test
  @DisplayName("its data folder is the owner's alone (700), root's password is in an owner-only file (600), the socket is inside")
  void filesAreOwnerOnly() throws Exception {
    Path root = EmbeddedMariaDb.kept(DATA_DIR).toPath();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("mariadb")))).isEqualTo("rwx------");
    Path key = root.resolve(Credentials.FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(Files.readString(key).trim()).isEqualTo(db.rootPassword());
    assertThat(root.resolve("mariadb").resolve("mariadb.sock")).exists();
    assertThat(root.resolve("mariadb-init.sql")).as("the grants file, gone once the server is up").doesNotExist();
    try (Connection root1 = connect("root", db.rootPassword(), "");
         ResultSet socket = root1.createStatement().executeQuery("SELECT @@socket, @@skip_grant_tables")) {
      socket.next();
      assertThat(socket.getString(1)).isEqualTo("mariadb.sock");
      assertThat(socket.getInt(2)).as("grant tables skipped").isZero();
    }
  }

  @Test
  @DisplayName("a folder whose pid file names a MariaDB server still running (left by a killed node) is refused, naming it")
  void leftoverServerRefused() throws Exception {
    Path running = EmbeddedMariaDb.kept(DATA_DIR).toPath().resolve("mariadb").resolve("mariadb.pid");
    long serverPid = Long.parseLong(Files.readString(running).trim());
    Path left = Path.of("target", "embedded-leftover-" + ProcessHandle.current().pid());
    Files.createDirectories(left.resolve("mariadb"));
    Files.copy(running, left.resolve("mariadb").resolve("mariadb.pid"));
    try {
      assertThatThrownBy(() -> EmbeddedMariaDb.start(left, 0))
        .isInstanceOf(DataDirInUseException.class)
        .hasMessageContaining("left running")
        .hasMessageContaining("process " + serverPid);
      assertThat(left.resolve("mariadb-server")).as("nothing was unpacked").doesNotExist();
    } finally {
      delete(left);
    }
  }

  @Test
  @DisplayName("a second server on the same data folder is refused at once, naming the process that holds it")
  void oneServerPerFolder() {
    long started = System.nanoTime();
    assertThatThrownBy(() -> EmbeddedMariaDb.start(DATA_DIR, 0))
      .isInstanceOf(DataDirInUseException.class)
      .hasMessageContaining("process " + ProcessHandle.current().pid());
    assertThat((System.nanoTime() - started) / 1_000_000).as("ms to refuse").isLessThan(5_000);
  }
}
