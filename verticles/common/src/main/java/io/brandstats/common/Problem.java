package io.brandstats.common;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem: the one shape every error takes, wherever it is raised.
 * Services build one through the named factories; the gateway writes it as application/problem+json.
 */
public final class Problem {

  public static final String MEDIA_TYPE = "application/problem+json";

  private final JsonObject json;

  private Problem(int status, String title, String detail) {
    this.json = new JsonObject()
      .put("type", "about:blank")
      .put("title", title)
      .put("status", status)
      .put("detail", detail);
  }

  public static Problem of(int status, String detail) {
    return new Problem(status, HttpStatusTitles.of(status), detail);
  }

  public static Problem badRequest(String detail) {
    return of(400, detail);
  }

  public static Problem notFound(String detail) {
    return of(404, detail);
  }

  public static Problem conflict(String detail) {
    return of(409, detail);
  }

  public static Problem preconditionFailed(String detail) {
    return of(412, detail);
  }

  public static Problem unavailable(String detail, int retryAfterSeconds) {
    return of(503, detail).with("retryAfter", retryAfterSeconds);
  }

  /** A 500 that says nothing about internals: the cause is logged where it happened, never sent. */
  public static Problem internal() {
    return of(500, "The request could not be completed. It has been logged; please retry later.");
  }

  /** Points the client at the field(s) at fault: {@code in} is body, path, query or header. */
  public Problem withFieldError(String in, String field, String detail) {
    JsonArray errors = json.getJsonArray("errors");
    if (errors == null) {
      errors = new JsonArray();
      json.put("errors", errors);
    }
    errors.add(new JsonObject().put("in", in).put("field", field).put("detail", detail));
    return this;
  }

  public Problem with(String member, Object value) {
    json.put(member, value);
    return this;
  }

  public int status() {
    return json.getInteger("status");
  }

  public ProblemException toException() {
    return new ProblemException(this);
  }

  public JsonObject toJson() {
    return json;
  }

  /** Reads a problem that travelled as JSON (an event-bus failure message); null when it is not one. */
  public static Problem parse(String encoded) {
    if (encoded == null || !encoded.startsWith("{")) {
      return null;
    }
    try {
      JsonObject json = new JsonObject(encoded);
      Integer status = json.getInteger("status");
      if (status == null || json.getString("title") == null) {
        return null;
      }
      Problem problem = new Problem(status, json.getString("title"), json.getString("detail"));
      problem.json.mergeIn(json);
      return problem;
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  @Override
  public String toString() {
    return json.encode();
  }
}
