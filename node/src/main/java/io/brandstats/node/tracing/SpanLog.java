package io.brandstats.node.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tracing.exporter: logging}: one line per finished span on the logger {@code io.brandstats.spans}, for a
 * look without a collector. The line is written with the span current, so its trace_id and span_id are those of the
 * span it describes, in text and JSON alike; the message adds kind, name, duration, parent and attributes:
 * {@code SERVER "POST /products" 12.4 ms parent=- {http.route=/products, ...}}.
 */
final class SpanLog implements SpanExporter {

  private static final Logger SPANS = LoggerFactory.getLogger("io.brandstats.spans");

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    for (SpanData span : spans) {
      // Runs on the exporter's own thread (never an event loop), where the span can be made current.
      try (Scope current = Context.root().with(Span.wrap(span.getSpanContext())).makeCurrent()) {
        SPANS.info("{} \"{}\" {} ms parent={} {}", span.getKind(), span.getName(),
          String.format(Locale.ROOT, "%.1f", (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e6),
          span.getParentSpanContext().isValid() ? span.getParentSpanId() : "-", attributes(span));
      }
    }
    return CompletableResultCode.ofSuccess();
  }

  private static String attributes(SpanData span) {
    return span.getAttributes().asMap().entrySet().stream()
      .map(attribute -> attribute.getKey().getKey() + "=" + attribute.getValue())
      .collect(Collectors.joining(", ", "{", "}"));
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
