package io.brandstats.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A MariaDB server that outlived its node (the node was killed; its server was not) still holds the data
 * directory: starting another on it would wait 30 s for MariaDB's own files and fail. Its pid file names it.
 */
final class LeftoverServer {

  private LeftoverServer() {
  }

  /** @throws DataDirInUseException when a pid file in the data directory names a live MariaDB server */
  static void refuseIfRunning(Path mariadbDataDir) throws IOException {
    if (!Files.isDirectory(mariadbDataDir)) {
      return;
    }
    try (DirectoryStream<Path> pidFiles = Files.newDirectoryStream(mariadbDataDir, "*.pid")) {
      for (Path pidFile : pidFiles) {
        Optional<ProcessHandle> server = running(pidFile);
        if (server.isPresent()) {
          throw new DataDirInUseException("The data folder " + mariadbDataDir.getParent() + " is in use by a MariaDB "
            + "server that a node which did not stop left running, " + DataDirLock.describe(server.get().pid()) + ".");
        }
      }
    }
  }

  /** The live MariaDB server a pid file names; empty when it names none (stale, or the pid now someone else's). */
  private static Optional<ProcessHandle> running(Path pidFile) {
    try {
      long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(process -> process.info().command().map(command -> command.endsWith("mariadbd")
          || command.endsWith("mysqld")).orElse(false));
    } catch (IOException | NumberFormatException unreadable) {
      return Optional.empty();
    }
  }
}
