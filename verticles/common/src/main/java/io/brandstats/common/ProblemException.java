package io.brandstats.common;

/**
 * A failure whose outcome is already decided: it carries the problem to send.
 * Expected (a 404 is not an accident), so it captures no stack trace.
 */
public final class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.toJson().getString("detail"), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
