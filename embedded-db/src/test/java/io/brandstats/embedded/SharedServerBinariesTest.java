package io.brandstats.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Several servers share one unpacked copy of the server's binaries")
class SharedServerBinariesTest {

  private static final Path ROOT = Path.of("target", "shared-binaries-" + ProcessHandle.current().pid());

  @Test
  @DisplayName("a second server starts from the folder the first one runs from, and the binaries are unpacked once")
  void twoServersOneCopy() throws Exception {
    Path serverDir = ROOT.resolve("mariadb-server");
    EmbeddedMariaDb first = EmbeddedMariaDb.start(ROOT.resolve("first"), 0, List.of(), serverDir);
    try {
      Path binary = serverDir.resolve("bin").resolve("mariadbd");
      long unpackedAt = Files.getLastModifiedTime(binary).toMillis();
      EmbeddedMariaDb second = EmbeddedMariaDb.start(ROOT.resolve("second"), 0, List.of(), serverDir);
      try {
        assertThat(answers(first)).isEqualTo(1);
        assertThat(answers(second)).isEqualTo(1);
        assertThat(Files.getLastModifiedTime(binary).toMillis()).as("not unpacked again").isEqualTo(unpackedAt);
        try (Stream<Path> data = Files.list(ROOT.resolve("second"))) {
          assertThat(data.map(path -> path.getFileName().toString())).doesNotContain("mariadb-server");
        }
      } finally {
        second.stop();
      }
    } finally {
      first.stop();
    }
  }

  private static int answers(EmbeddedMariaDb db) throws Exception {
    try (Connection connection = EmbeddedMariaDbTest.connect(db.port(), "root", db.rootPassword(), "");
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT 1")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
