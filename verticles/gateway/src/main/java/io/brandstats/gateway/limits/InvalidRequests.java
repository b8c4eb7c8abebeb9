package io.brandstats.gateway.limits;

import io.brandstats.common.Problem;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Requests HTTP/1.1 decoding refused before any route saw them: a request line longer than
 * http.maxUriLength (414), headers larger than http.maxHeaderSize (431), or bytes that are not HTTP
 * (400). They get the same problem+json as every other error, then the connection is closed, since
 * the rest of what the client sent cannot be trusted to be where the next request starts.
 */
final class InvalidRequests {

  private InvalidRequests() {
  }

  static void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    Problem problem = cause instanceof TooLongHttpLineException
      ? Problem.of(414, "The request line (method and URI) is longer than this server accepts.")
      : cause instanceof TooLongHttpHeaderException
        ? Problem.of(431, "The request headers are larger than this server accepts.")
        : Problem.badRequest("The request is not valid HTTP.");
    request.response()
      .setStatusCode(problem.status())
      .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
      .putHeader(HttpHeaders.CONNECTION, "close")
      .putHeader("X-Content-Type-Options", "nosniff")
      .end(problem.toJson().toBuffer())
      .onComplete(sent -> request.connection().close());
  }
}
