package io.brandstats.launcher;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The spans a test node recorded, kept in memory as each one ends. A span ends when its work is done, which can
 * be just after the client has its answer: the waits here poll with a deadline.
 */
final class RecordedSpans {

  private static final long WAIT_SECONDS = 20;

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

  /** What the node is started with, so its spans come here as they end. */
  SpanProcessor processor() {
    return SimpleSpanProcessor.create(exporter);
  }

  List<SpanData> all() {
    return exporter.getFinishedSpanItems();
  }

  List<SpanData> ofTrace(String traceId) {
    return all().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
  }

  /** Waits for the span of this kind and name whose parent is {@code parent} (null: a root span) in the trace. */
  SpanData child(String traceId, SpanData parent, SpanKind kind, String name) {
    String parentId = parent == null ? null : parent.getSpanId();
    return await(traceId, span -> span.getKind() == kind && span.getName().equals(name)
      && (parentId == null ? !span.getParentSpanContext().isValid() : span.getParentSpanId().equals(parentId)),
      kind + " \"" + name + "\" under " + (parent == null ? "no parent" : "\"" + parent.getName() + "\""));
  }

  /** Waits for a span of the trace that matches; fails listing the trace's spans as they are. */
  SpanData await(String traceId, Predicate<SpanData> match, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() < deadline) {
      Optional<SpanData> found = ofTrace(traceId).stream().filter(match).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      sleep();
    }
    throw new AssertionError("No span " + what + " in trace " + traceId + " within " + WAIT_SECONDS + " s; it has:\n"
      + describe(ofTrace(traceId)));
  }

  /** Waits for a span anywhere that matches. */
  SpanData awaitAny(Predicate<SpanData> match, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() < deadline) {
      Optional<SpanData> found = all().stream().filter(match).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      sleep();
    }
    throw new AssertionError("No span " + what + " within " + WAIT_SECONDS + " s among " + all().size());
  }

  static String describe(List<SpanData> spans) {
    return spans.stream().map(span -> "  " + span.getKind() + " \"" + span.getName() + "\" " + span.getSpanId()
      + " parent " + span.getParentSpanId()).collect(Collectors.joining("\n"));
  }

  /** A W3C traceparent as a client would send it: version 00, random ids, sampled or not. */
  static String traceparent(String traceId, String parentId, boolean sampled) {
    return "00-" + traceId + "-" + parentId + (sampled ? "-01" : "-00");
  }

  static String randomHex(int digits) {
    StringBuilder hex = new StringBuilder();
    while (hex.length() < digits) {
      hex.append(String.format("%016x", ThreadLocalRandom.current().nextLong()));
    }
    return hex.substring(0, digits);
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
