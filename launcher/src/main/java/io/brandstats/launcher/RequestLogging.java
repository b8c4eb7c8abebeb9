package io.brandstats.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.brandstats.common.RequestIds;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the request id of the work on the logging thread into the MDC ({@code requestId}) just before each
 * log line is made, so text and JSON layouts show it. The id lives on the Vert.x context, not the thread:
 * an event loop serves many requests, so a thread-bound MDC set once per request would mislabel lines.
 */
public final class RequestIdLogging extends TurboFilter {

  public static final String MDC_KEY = "requestId";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    String id = RequestIds.current();
    if (id != null) {
      MDC.put(MDC_KEY, id);
    } else {
      MDC.remove(MDC_KEY);
    }
    return FilterReply.NEUTRAL;
  }
}
