package io.brandstats.gateway.problem;

import io.brandstats.common.Problem;
import io.brandstats.common.ProblemException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failure becomes an HTTP answer: application/problem+json, never a stack
 * trace. Client errors are logged at debug; server errors at error, with their cause.
 */
public final class ProblemResponses {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

  private ProblemResponses() {
  }

  public static void send(RoutingContext ctx, Problem problem) {
    if (ctx.response().ended()) {
      return;
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    Integer retryAfter = problem.toJson().getInteger("retryAfter");
    if (retryAfter != null) {
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, retryAfter.toString());
    }
    Buffer body = problem.toJson().toBuffer();
    ctx.response()
      .setStatusCode(problem.status())
      .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
      .putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length()))
      .end(body);
  }

  /** Failure handler for every route, and error handler for what no route matched. */
  public static void handleFailure(RoutingContext ctx) {
    send(ctx, problemFor(ctx));
  }

  private static Problem problemFor(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ProblemException decided && decided.problem().status() < 500) {
      LOG.debug("{} {} refused: {}", ctx.request().method(), ctx.request().path(), decided.getMessage());
      return decided.problem();
    }
    ValidatorException invalid = failure instanceof ValidatorException direct ? direct
      : failure instanceof HttpException http && http.getCause() instanceof ValidatorException wrapped ? wrapped
      : null;
    if (invalid != null) {
      Problem problem = ValidationProblems.of(invalid);
      LOG.debug("{} {} rejected: {}", ctx.request().method(), ctx.request().path(), invalid.getMessage());
      return problem;
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    if (status < 400) {
      status = 500;
    }
    if (status >= 500) {
      LOG.error("{} {} failed with {}", ctx.request().method(), ctx.request().path(), status, failure);
      return status == 500 ? Problem.internal() : Problem.of(status, "The request could not be completed.");
    }
    LOG.debug("{} {} answered {}", ctx.request().method(), ctx.request().path(), status);
    return Problem.of(status, detailFor(status, ctx));
  }

  private static String detailFor(int status, RoutingContext ctx) {
    return switch (status) {
      case 404 -> "There is nothing at " + ctx.request().path() + ".";
      case 405 -> ctx.request().method() + " is not allowed on " + ctx.request().path() + ".";
      case 413 -> "The request body is larger than this server accepts.";
      case 415 -> "The request body must be application/json.";
      default -> "The request could not be processed.";
    };
  }
}
