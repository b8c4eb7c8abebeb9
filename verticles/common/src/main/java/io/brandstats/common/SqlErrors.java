package io.brandstats.common;

import io.vertx.mysqlclient.MySQLException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;

/** Recognises the database errors that have a meaning for clients. */
public final class SqlErrors {

  /** ER_DUP_ENTRY: a unique key already holds this value. */
  private static final int DUPLICATE_KEY = 1062;
  /** ER_LOCK_DEADLOCK: InnoDB rolled the transaction back; running it again is safe. */
  private static final int DEADLOCK = 1213;
  /** ER_LOCK_WAIT_TIMEOUT: the statement gave up waiting for a lock; running it again is safe. */
  private static final int LOCK_WAIT_TIMEOUT = 1205;

  private static final String POOL_CLOSED = "Pool closed";

  private SqlErrors() {
  }

  public static boolean isDuplicateKey(Throwable failure) {
    return failure instanceof MySQLException e && e.getErrorCode() == DUPLICATE_KEY;
  }

  public static boolean isDeadlock(Throwable failure) {
    return failure instanceof MySQLException e && e.getErrorCode() == DEADLOCK;
  }

  /** A duplicate key becomes a 409 naming the body field that must be unique; anything else passes through. */
  public static Throwable conflictOr(Throwable failure, String field, String detail) {
    if (isDuplicateKey(failure)) {
      return Problem.conflict(detail).withFieldError("body", field, "must be unique").toException();
    }
    return failure;
  }

  /**
   * The database could not be reached, dropped the connection, or gave up on locks, or the pool is closed
   * because the service is stopping: worth a retry by the client (503), not a bug.
   */
  public static boolean isUnavailable(Throwable failure) {
    return failure instanceof ConnectException
      || failure instanceof ClosedConnectionException
      // Vert.x's pool fails a request after close with this message only (no type of its own).
      || failure != null && POOL_CLOSED.equals(failure.getMessage())
      || failure instanceof MySQLException e && (e.getErrorCode() == DEADLOCK || e.getErrorCode() == LOCK_WAIT_TIMEOUT);
  }
}
