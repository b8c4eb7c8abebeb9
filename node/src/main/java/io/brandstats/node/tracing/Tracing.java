package io.brandstats.node.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.VertxTracerFactory;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node's OpenTelemetry, built from {@code tracing.*}: the resource naming the node and its services, a
 * parent-based ratio sampler, W3C trace context, and the exporter (OTLP over gRPC or HTTP/protobuf, or the log).
 * Vert.x reports every HTTP request, event-bus message, upstream call and SQL query to the tracer it makes; with
 * {@code tracing.enabled: false} there is no Tracing and no tracer at all. Built and closed on the starting thread.
 */
public final class Tracing implements AutoCloseable {

  static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  static final AttributeKey<String> SERVICE_INSTANCE = AttributeKey.stringKey("service.instance.id");
  static final AttributeKey<List<String>> NODE_SERVICES = AttributeKey.stringArrayKey("brandstats.node.services");

  private static final String GRPC = "grpc";
  private static final String HTTP_PROTOBUF = "http/protobuf";
  private static final long SHUTDOWN_SECONDS = 10;

  private final SdkTracerProvider provider;
  private final VertxTracerFactory tracerFactory;

  private Tracing(SdkTracerProvider provider, VertxTracerFactory tracerFactory) {
    this.provider = provider;
    this.tracerFactory = tracerFactory;
  }

  /**
   * The node's tracing, or null when {@code tracing.enabled} is false.
   *
   * @param services      the services this node runs, a resource attribute of every span
   * @param signingSecret this node's HS256 signing secret (shared by a cluster): seals the trace context its
   *                      own calls carry, so a gateway that starts new traces for clients knows them
   * @param spans         where spans go instead of the configured exporter (tests, embedding), or null
   */
  public static Tracing from(JsonObject config, List<String> services, String signingSecret, SpanProcessor spans) {
    JsonObject tracing = config.getJsonObject("tracing");
    if (!tracing.getBoolean("enabled")) {
      return null;
    }
    SdkTracerProvider provider = SdkTracerProvider.builder()
      .setResource(Resource.getDefault().merge(resource(tracing, services)))
      .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(ratio(tracing))))
      .addSpanProcessor(spans != null ? spans : BatchSpanProcessor.builder(exporter(tracing)).build())
      .build();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(provider)
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
      .build(); // not registered as the global one: several nodes may share a JVM
    TraceSeal seal = new TraceSeal(signingSecret);
    boolean continueClientTraces = tracing.getBoolean("continueClientTraces");
    OpenTelemetryTracingFactory vertxTracing = new OpenTelemetryTracingFactory(sdk);
    return new Tracing(provider, options -> new NodeTracer(vertxTracing.tracer(options), seal, continueClientTraces));
  }

  /** What the node's Vert.x is built with, so it reports to this tracing. */
  public VertxTracerFactory vertxTracer() {
    return tracerFactory;
  }

  /** Sends what is still buffered and stops the exporter; runs after the node's Vert.x has closed. */
  @Override
  public void close() {
    provider.shutdown().join(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
  }

  static Resource resource(JsonObject tracing, List<String> services) {
    AttributesBuilder attributes = Attributes.builder()
      .put(SERVICE_NAME, tracing.getString("serviceName"))
      .put(SERVICE_INSTANCE, nodeName(tracing.getString("nodeName")))
      .put(NODE_SERVICES, services);
    for (Object entry : tracing.getJsonArray("resourceAttributes")) {
      String text = String.valueOf(entry);
      int equals = text.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException("tracing.resourceAttributes entries must be key=value, not '" + text + "'");
      }
      attributes.put(text.substring(0, equals).trim(), text.substring(equals + 1).trim());
    }
    return Resource.create(attributes.build());
  }

  private static String nodeName(String configured) {
    if (!configured.isEmpty()) {
      return configured;
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + "-" + ProcessHandle.current().pid();
  }

  private static double ratio(JsonObject tracing) {
    double ratio = ((Number) tracing.getValue("sampler")).doubleValue();
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("tracing.sampler must be a share from 0.0 to 1.0, not " + ratio);
    }
    return ratio;
  }

  static SpanExporter exporter(JsonObject tracing) {
    String exporter = tracing.getString("exporter");
    String protocol = tracing.getString("protocol");
    String endpoint = tracing.getString("endpoint");
    if ("logging".equals(exporter)) {
      return new SpanLog();
    }
    if (!"otlp".equals(exporter)) {
      throw new IllegalArgumentException("tracing.exporter must be otlp or logging, not '" + exporter + "'");
    }
    if (GRPC.equals(protocol)) {
      return OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).build();
    }
    if (HTTP_PROTOBUF.equals(protocol)) {
      return OtlpHttpSpanExporter.builder().setEndpoint(tracesUrl(endpoint)).build();
    }
    throw new IllegalArgumentException("tracing.protocol must be grpc or http/protobuf, not '" + protocol + "'");
  }

  /** A collector's base URL gets the standard traces path, as OTEL_EXPORTER_OTLP_ENDPOINT does. */
  static String tracesUrl(String endpoint) {
    String path = URI.create(endpoint).getPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      return endpoint.replaceAll("/$", "") + "/v1/traces";
    }
    return endpoint;
  }
}
