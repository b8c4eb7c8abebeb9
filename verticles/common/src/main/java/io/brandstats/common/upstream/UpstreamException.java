package io.brandstats.common.upstream;

/** Why a lookup has no entity: the owner says there is none, or the owner could not be asked. */
public final class UpstreamException extends RuntimeException {

  public enum Kind { NOT_FOUND, UNAVAILABLE }

  private final Kind kind;
  private final String upstream;
  private final int retryAfterSeconds;

  private UpstreamException(Kind kind, String upstream, String message, int retryAfterSeconds) {
    super(message, null, false, false);
    this.kind = kind;
    this.upstream = upstream;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static UpstreamException notFound(String upstream, long id) {
    return new UpstreamException(Kind.NOT_FOUND, upstream, "There is no " + upstream + " " + id, 0);
  }

  static UpstreamException unavailable(String upstream, int retryAfterSeconds, Throwable cause) {
    return new UpstreamException(Kind.UNAVAILABLE, upstream,
      "The " + upstream + " service is unavailable (" + cause.getMessage() + ")", retryAfterSeconds);
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
