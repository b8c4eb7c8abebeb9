package io.brandstats.common;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The id that ties together everything done for one client request: the gateway takes the client's
 * {@code X-Request-Id} when it is sane (else makes one), answers it, sends it to the service on the
 * event bus and the service sends it on its own HTTP calls; every log line written meanwhile carries it.
 *
 * <p>It lives on the Vert.x context of the work: each HTTP request and each event-bus message is
 * handled on a context of its own (a duplicate), and what it starts (SQL, HTTP, timers) continues there.
 */
public final class RequestIds {

  /** The HTTP header, on requests and answers. */
  public static final String HEADER = "X-Request-Id";
  /** The event-bus delivery header a service reads it from. */
  public static final String DELIVERY_HEADER = "x-request-id";

  /** Ids travel into logs and other systems' headers: short, and no spaces, quotes or control characters. */
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:/+=@-]{1,128}");

  /** For code that runs after the request's context is gone (e.g. a response end handler). */
  private static final ThreadLocal<String> RUNNING_AS = new ThreadLocal<>();

  private RequestIds() {
  }

  /** The client's id when it is sane, else a new one. */
  public static String acceptOrGenerate(String given) {
    return isSane(given) ? given : generate();
  }

  private static boolean isSane(String id) {
    return id != null && SANE.matcher(id).matches();
  }

  /** 32 hex digits; no SecureRandom, which may block while the system gathers entropy. */
  public static String generate() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return hex(random.nextLong()) + hex(random.nextLong());
  }

  /** The id of the work on the calling thread's context, or null outside any request. */
  public static String current() {
    String runningAs = RUNNING_AS.get();
    if (runningAs != null) {
      return runningAs;
    }
    Context context = Vertx.currentContext();
    return context == null ? null : context.getLocal(RequestIdStorage.LOCAL);
  }

  /** Attaches the id to the calling context: call it on the context of one request or message only. */
  public static void bind(String id) {
    Context context = Vertx.currentContext();
    if (context != null && id != null) {
      context.putLocal(RequestIdStorage.LOCAL, id);
    }
  }

  /** Runs the action as part of the request with this id, wherever it runs: its log lines carry the id. */
  public static void runAs(String id, Runnable action) {
    String before = RUNNING_AS.get();
    RUNNING_AS.set(id);
    try {
      action.run();
    } finally {
      if (before == null) {
        RUNNING_AS.remove();
      } else {
        RUNNING_AS.set(before);
      }
    }
  }

  private static String hex(long value) {
    String digits = Long.toHexString(value);
    return "0".repeat(16 - digits.length()) + digits;
  }
}
