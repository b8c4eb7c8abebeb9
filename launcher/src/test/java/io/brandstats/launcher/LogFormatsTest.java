package io.brandstats.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.brandstats.common.RequestIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The shipped logback.xml, in both formats: what a line written for a traced request shows. */
@DisplayName("Log lines in text and JSON carry the request id, and the trace and span when traced")
class LogFormatsTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";

  @Test
  @DisplayName("text: [request-id trace_id=... span_id=...] when traced, [request-id] when not")
  void text() throws Exception {
    String[] lines = logBoth("text");
    assertThat(lines[0]).contains("[req-7 trace_id=" + TRACE_ID + " span_id=" + SPAN_ID + "] - traced line");
    assertThat(lines[1]).contains("[req-8] - untraced line").doesNotContain("trace_id");
  }

  @Test
  @DisplayName("JSON: mdc.requestId, mdc.trace_id and mdc.span_id; no trace keys when not traced")
  void json() throws Exception {
    String[] lines = logBoth("json");
    JsonObject traced = new JsonObject(lines[0]).getJsonObject("mdc");
    assertThat(traced.getString("requestId")).isEqualTo("req-7");
    assertThat(traced.getString("trace_id")).isEqualTo(TRACE_ID);
    assertThat(traced.getString("span_id")).isEqualTo(SPAN_ID);
    JsonObject untraced = new JsonObject(lines[1]).getJsonObject("mdc");
    assertThat(untraced.getString("requestId")).isEqualTo("req-8");
    assertThat(untraced.containsKey("trace_id")).isFalse();
  }

  /** One line within a traced request and one within an untraced one, through logback.xml in this format. */
  private static String[] logBoth(String format) throws Exception {
    LoggerContext logging = new LoggerContext();
    logging.setMDCAdapter(org.slf4j.MDC.getMDCAdapter()); // the MDC the logging filter writes to
    logging.putProperty("BRANDSTATS_LOG_FORMAT", format);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(logging);
    PrintStream console = System.out;
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    System.setOut(new PrintStream(written, true, StandardCharsets.UTF_8));
    try {
      configurator.doConfigure(LogFormatsTest.class.getClassLoader().getResource("logback.xml"));
      org.slf4j.Logger log = logging.getLogger("io.brandstats.test-" + format);
      SpanContext span = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault());
      try (Scope traced = Context.root().with(Span.wrap(span)).makeCurrent()) {
        RequestIds.runAs("req-7", () -> log.info("traced line"));
      }
      RequestIds.runAs("req-8", () -> log.info("untraced line"));
    } finally {
      System.setOut(console);
      logging.stop();
    }
    // Only this test's lines: anything else the JVM printed meanwhile is left out.
    return Arrays.stream(written.toString(StandardCharsets.UTF_8).split("\n"))
      .filter(line -> line.contains("traced line")).toArray(String[]::new);
  }
}
