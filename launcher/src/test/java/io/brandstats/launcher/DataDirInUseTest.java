package io.brandstats.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brandstats.embedded.DataDirInUseException;
import io.brandstats.node.Brandstats;
import io.brandstats.testkit.TestConfig;
import io.brandstats.testkit.TestNode;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A node holds its data folder; a second one is started on it, in this JVM and as a user would, from the command line. */
@DisplayName("A second node on the same data folder is refused at once")
class DataDirInUseTest {

  private static final String NAME = "data-dir-held-" + ProcessHandle.current().pid();
  private static TestNode holder;

  @BeforeAll
  static void startHolder() throws Exception {
    holder = TestNode.start(NAME);
  }

  @AfterAll
  static void stopHolder() {
    holder.close();
  }

  private static String dataDir() {
    return holder.config().getJsonObject("embedded").getString("dataDir");
  }

  @Test
  @DisplayName("in one JVM: the start fails before any server starts, naming the process that holds the folder and --data-dir")
  void refusedInProcess() {
    JsonObject config = TestConfig.of(NAME);
    assertThatThrownBy(() -> Brandstats.start(config).close())
      .isInstanceOf(DataDirInUseException.class)
      .hasMessageContaining("process " + ProcessHandle.current().pid())
      .hasMessageContaining("--data-dir");
    assertThat(holder.brandstats().embeddedDatabasePort()).isPresent();
  }

  @Test
  @DisplayName("from the command line: one line naming the other process and --data-dir, no stack trace, exit code 1")
  void refusedFromTheCommandLine() throws IOException, InterruptedException {
    Path log = Path.of("target", NAME + "-second.log");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process second = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
      Main.class.getName(), "--data-dir", dataDir(), "--port", String.valueOf(TestConfig.freePort())))
      .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("the second node exits").isTrue();
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(second.exitValue()).as(output).isEqualTo(1);
      List<String> refusal = output.lines().filter(line -> line.contains("did not start")).toList();
      assertThat(refusal).as(output).hasSize(1);
      assertThat(refusal.get(0)).contains("process " + ProcessHandle.current().pid(), "--data-dir");
      assertThat(output).doesNotContain("\tat ", "Exception", "aria");
    } finally {
      second.destroyForcibly();
    }
    assertThat(holder.brandstats().embeddedDatabasePort()).isPresent();
  }
}
