package io.brandstats.common.upstream;

import io.brandstats.common.Problem;

/** Why a lookup has no entity: the owner says there is none, or the owner could not be asked. */
public final class UpstreamException extends RuntimeException {

  public enum Kind { NOT_FOUND, UNAVAILABLE }

  private final Kind kind;
  private final String upstream;
  private final long id;
  private final int retryAfterSeconds;

  private UpstreamException(Kind kind, String upstream, long id, String message, int retryAfterSeconds) {
    super(message, null, false, false);
    this.kind = kind;
    this.upstream = upstream;
    this.id = id;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static UpstreamException notFound(String upstream, long id) {
    return new UpstreamException(Kind.NOT_FOUND, upstream, id, "There is no " + upstream + " " + id, 0);
  }

  /** @param cause why the owner could not be asked: for logs only, never for clients */
  static UpstreamException unavailable(String upstream, long id, int retryAfterSeconds, Throwable cause) {
    return new UpstreamException(Kind.UNAVAILABLE, upstream, id,
      "The " + upstream + " service is unavailable (" + cause.getMessage() + ")", retryAfterSeconds);
  }

  /**
   * What a client is told when the owner could not be asked and nothing usable was cached: 503 with
   * Retry-After, in one wording for every service, naming the owner, the entity and what was not done.
   * A NOT_FOUND has no such common answer: what a missing entity means is the caller's to say (the
   * resource the request names: 404; a reference in a request body: 422), so asking this of one is a bug.
   *
   * @param notDone what the request did not do because of it, e.g. "the product was not written"
   * @throws IllegalStateException for a NOT_FOUND
   */
  public Problem toProblem(String notDone) {
    if (kind != Kind.UNAVAILABLE) {
      throw new IllegalStateException("a " + kind + " from " + upstream + " means what its caller says it means");
    }
    return Problem.unavailable("The " + upstream + " service cannot be reached and " + upstream + " " + id
      + " is not cached, so " + notDone + ". Retry the same request shortly.", retryAfterSeconds);
  }

  public Kind kind() {
    return kind;
  }

  public String upstream() {
    return upstream;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
