package io.brandstats.embedded;

/** The data folder is another server's: a node's, or a MariaDB server left running by one. */
public final class DataDirInUseException extends IllegalStateException {

  public DataDirInUseException(String message) {
    super(message);
  }
}
