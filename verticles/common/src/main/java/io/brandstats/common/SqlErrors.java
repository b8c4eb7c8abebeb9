package io.brandstats.common;

import io.vertx.mysqlclient.MySQLException;

/** Recognises the database errors that have a meaning for clients. */
public final class SqlErrors {

  /** ER_DUP_ENTRY: a unique key already holds this value. */
  private static final int DUPLICATE_KEY = 1062;

  private SqlErrors() {
  }

  public static boolean isDuplicateKey(Throwable failure) {
    return failure instanceof MySQLException e && e.getErrorCode() == DUPLICATE_KEY;
  }
}
