package io.brandstats.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One server per data folder. The first to lock {@value #FILE} holds the folder until it stops (or dies: the
 * operating system releases the lock of a process that is gone) and writes its process id there, so a second one
 * is refused at once, naming it, instead of MariaDB waiting 30 s for its own files and failing with a trace.
 */
final class DataDirLock implements AutoCloseable {

  static final String FILE = "brandstats.lock";
  /**
   * The folders this JVM holds. Checked before the lock file is opened: closing any handle of a file drops every
   * lock this process has on it (POSIX record locks), so a refused second attempt here must not open it at all.
   */
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path folder;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(Path folder, FileChannel channel, FileLock lock) {
    this.folder = folder;
    this.channel = channel;
    this.lock = lock;
  }

  /** @throws DataDirInUseException when another process (or this one) holds the folder */
  static DataDirLock acquire(Path dataDir) throws IOException {
    Path folder = dataDir.toRealPath();
    Path file = folder.resolve(FILE);
    if (!HELD_HERE.add(folder)) {
      throw inUse(dataDir, file);
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        throw inUse(dataDir, file);
      }
      channel.truncate(0).write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
      channel.force(false);
      return new DataDirLock(folder, channel, lock);
    } catch (IOException | RuntimeException e) {
      HELD_HERE.remove(folder);
      if (channel != null) {
        channel.close();
      }
      throw e;
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldHere) {
      return null;
    }
  }

  private static DataDirInUseException inUse(Path dataDir, Path file) {
    return new DataDirInUseException("The data folder " + dataDir + " is in use by " + holder(file) + ".");
  }

  /** "process 1234 (/usr/bin/java)", as far as the lock file and the system tell. */
  static String holder(Path file) {
    try {
      long pid = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
      return describe(pid);
    } catch (IOException | NumberFormatException unreadable) {
      return "another process";
    }
  }

  static String describe(long pid) {
    String command = ProcessHandle.of(pid).flatMap(process -> process.info().command()).orElse(null);
    return "process " + pid + (command == null ? "" : " (" + command + ")");
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
      HELD_HERE.remove(folder);
    }
  }
}
