package io.brandstats.node.tracing;

import io.vertx.core.Context;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpRequestHead;
import io.vertx.core.spi.tracing.SpanKind;
import io.vertx.core.spi.tracing.TagExtractor;
import io.vertx.core.spi.tracing.VertxTracer;
import io.vertx.core.tracing.TracingPolicy;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Vert.x's OpenTelemetry tracer with Brandstats' span names and its policy at the edge.
 *
 * <ul>
 *   <li>Names: an event-bus span is named by its operation and address ({@code send product.service}), an SQL
 *       span by its statement's verb and database ({@code SELECT brand}), as OpenTelemetry's conventions ask;
 *       Vert.x would call them all {@code send} and {@code Query}. (The gateway names its server spans by route.)</li>
 *   <li>Edge: every call this node makes over HTTP carries a {@link TraceSeal} beside its traceparent. When clients'
 *       traces are not to be continued, a request to the gateway whose traceparent is not sealed starts a new trace.</li>
 * </ul>
 */
final class NodeTracer implements VertxTracer<Object, Object> {

  private static final String TRACEPARENT = "traceparent";
  private static final String QUERY_TEXT = "db.query.text";
  private static final String NAMESPACE = "db.namespace";
  private static final Iterable<Map.Entry<String, String>> NO_HEADERS = List.of();

  private final VertxTracer<Object, Object> tracer;
  private final TraceSeal seal;
  private final boolean continueClientTraces;

  @SuppressWarnings("unchecked")
  NodeTracer(VertxTracer<?, ?> tracer, TraceSeal seal, boolean continueClientTraces) {
    this.tracer = (VertxTracer<Object, Object>) tracer;
    this.seal = seal;
    this.continueClientTraces = continueClientTraces;
  }

  @Override
  public <R> Object receiveRequest(Context context, SpanKind kind, TracingPolicy policy, R request, String operation,
                                   Iterable<Map.Entry<String, String>> headers, TagExtractor<R> tags) {
    if (request instanceof Message<?> message) {
      operation = operation + " " + message.address();
    } else if (!continueClientTraces && request instanceof HttpServerRequest http && !fromBrandstats(http)) {
      headers = NO_HEADERS;
    }
    return tracer.receiveRequest(context, kind, policy, request, operation, headers, tags);
  }

  @Override
  public <R> void sendResponse(Context context, R response, Object payload, Throwable failure, TagExtractor<R> tags) {
    tracer.sendResponse(context, response, payload, failure, tags);
  }

  @Override
  public <R> Object sendRequest(Context context, SpanKind kind, TracingPolicy policy, R request, String operation,
                                BiConsumer<String, String> headers, TagExtractor<R> tags) {
    if (request instanceof Message<?> message) {
      operation = operation + " " + message.address();
    } else if (request instanceof HttpRequestHead) {
      headers = sealing(headers);
    } else {
      operation = sqlName(request, operation, tags);
    }
    return tracer.sendRequest(context, kind, policy, request, operation, headers, tags);
  }

  @Override
  public <R> void receiveResponse(Context context, R response, Object payload, Throwable failure, TagExtractor<R> tags) {
    tracer.receiveResponse(context, response, payload, failure, tags);
  }

  @Override
  public void close() {
    tracer.close();
  }

  private boolean fromBrandstats(HttpServerRequest request) {
    String traceparent = request.getHeader(TRACEPARENT);
    return traceparent == null || seal.verifies(traceparent, request.getHeader(TraceSeal.HEADER));
  }

  private BiConsumer<String, String> sealing(BiConsumer<String, String> headers) {
    return (name, value) -> {
      headers.accept(name, value);
      if (TRACEPARENT.equals(name)) {
        headers.accept(TraceSeal.HEADER, seal.of(value));
      }
    };
  }

  /** {@code SELECT brand}: the statement's first word and the database, both bounded; never a value. */
  private static <R> String sqlName(R request, String operation, TagExtractor<R> tags) {
    String sql = null;
    String database = null;
    for (int i = 0; i < tags.len(request); i++) {
      String name = tags.name(request, i);
      if (QUERY_TEXT.equals(name)) {
        sql = tags.value(request, i);
      } else if (NAMESPACE.equals(name)) {
        database = tags.value(request, i);
      }
    }
    if (sql == null) {
      return operation;
    }
    String verb = sql.strip().split("\\s", 2)[0].toUpperCase(Locale.ROOT);
    return database == null ? verb : verb + " " + database;
  }
}
