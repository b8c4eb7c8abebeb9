package io.brandstats.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Brandstats node in a JVM of its own, started from the packaged node jar (brandstats-node.jar: these nodes use
 * a database of the test's, never an embedded one) exactly as a user would, its console kept in a log file the
 * test can wait on.
 */
final class NodeProcess implements AutoCloseable {

  private static final Path JAR = Path.of(System.getProperty("brandstats.nodeJar", "target/brandstats-node.jar"));
  private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

  private final String name;
  private final Process process;
  private final Path log;

  private NodeProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code java -jar brandstats.jar args...} with the given environment added to this one's. */
  static NodeProcess start(String name, Path logDir, Map<String, String> env, String... args) throws IOException {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException("The packaged jar is missing: " + JAR.toAbsolutePath() + " (run mvn verify)");
    }
    Files.createDirectories(logDir);
    Path log = logDir.resolve(name + ".log");
    List<String> command = new ArrayList<>(List.of(JAVA, "-Xmx256m", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return new NodeProcess(name, builder.start(), log);
  }

  /** Waits until the node logs that it is ready; fails early, with its last lines, if it exits. */
  void awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.readString(log).contains("Brandstats ready")) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(name + " was not ready within " + timeout + ":\n" + tail());
  }

  /** The way a machine dies: no shutdown hook, no goodbye to the cluster. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM: the node drains, leaves the cluster and stops. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
    }
  }

  /** Every line the node has written so far. */
  List<String> lines() throws IOException {
    return Files.readAllLines(log);
  }

  String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
