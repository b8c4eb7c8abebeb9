package io.brandstats.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.brandstats.common.RequestIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts what identifies the work on the logging thread into the MDC just before each log line is made, so text and
 * JSON layouts show it: the request id ({@code requestId}) and, when the work is traced, the trace and span it runs
 * in ({@code trace_id}, {@code span_id}). Both live on the Vert.x context, not the thread: an event loop serves many
 * requests, so a thread-bound MDC set once per request would mislabel lines.
 */
public final class RequestLogging extends TurboFilter {

  public static final String REQUEST_ID = "requestId";
  public static final String TRACE_ID = "trace_id";
  public static final String SPAN_ID = "span_id";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    // Called for every logging call, even below the logger's level: only a line that will be written is labelled.
    if (level == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
      return FilterReply.NEUTRAL;
    }
    put(REQUEST_ID, RequestIds.current());
    SpanContext span = Span.current().getSpanContext();
    boolean traced = span.isValid();
    put(TRACE_ID, traced ? span.getTraceId() : null);
    put(SPAN_ID, traced ? span.getSpanId() : null);
    return FilterReply.NEUTRAL;
  }

  private static void put(String key, String value) {
    if (value != null) {
      MDC.put(key, value);
    } else {
      MDC.remove(key);
    }
  }
}
