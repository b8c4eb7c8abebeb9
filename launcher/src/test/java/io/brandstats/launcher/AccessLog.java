package io.brandstats.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * The access log ({@code io.brandstats.access}) turned on for a test class and its lines kept as they were written,
 * with the MDC of the writing thread (request id, trace).
 */
final class AccessLog extends AppenderBase<ILoggingEvent> {

  private final List<ILoggingEvent> lines = new CopyOnWriteArrayList<>();
  private Logger logger;
  private Level levelBefore;

  /** Turns the access log on (INFO) and starts keeping its lines. */
  static AccessLog capture() {
    AccessLog log = new AccessLog();
    log.logger = (Logger) LoggerFactory.getLogger("io.brandstats.access");
    log.levelBefore = log.logger.getLevel();
    log.logger.setLevel(Level.INFO);
    log.setContext(log.logger.getLoggerContext());
    log.start();
    log.logger.addAppender(log);
    return log;
  }

  /** Stops keeping lines and puts the access log's level back. */
  void release() {
    logger.detachAppender(this);
    logger.setLevel(levelBefore);
  }

  @Override
  protected void append(ILoggingEvent event) {
    lines.add(event);
  }

  /** Waits (bounded) for the first line that matches, and answers its MDC. */
  Map<String, String> await(String what, Predicate<ILoggingEvent> match) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (ILoggingEvent line : lines) {
        if (match.test(line)) {
          return line.getMDCPropertyMap();
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no access-log line " + what + " in " + lines.size() + " lines");
  }

  /** Waits for the line that starts with this text, and answers its request id. */
  String requestIdOf(String messageStart) throws InterruptedException {
    return await("starting with '" + messageStart + "'", line -> line.getFormattedMessage().startsWith(messageStart))
      .get("requestId");
  }
}
