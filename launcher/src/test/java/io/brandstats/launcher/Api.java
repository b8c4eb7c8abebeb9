package io.brandstats.launcher;

import io.brandstats.gateway.ContractLoader;
import io.brandstats.testkit.TestNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;

/** A real HTTP client for a node's gateway, with a check of any answer against the contract. */
final class Api {

  private final WebClient client;
  private final ResponseValidator contract;
  private final String authorization;

  /** A client of this node that writes as a writer, with the node's writer token. */
  Api(Vertx vertx, TestNode node) {
    this(vertx, node.port(), "Bearer " + node.writerToken());
  }

  /** A client that sends this Authorization header (null: none) with every request. */
  Api(Vertx vertx, int port, String authorization) {
    this.authorization = authorization;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(port).setFollowRedirects(false));
    this.contract = ResponseValidator.create(vertx, ContractLoader.load(vertx, "").await());
  }

  // The test thread is not an event loop, so waiting on it is fine.
  Reply get(String uri) {
    return send(HttpMethod.GET, uri, MultiMap.caseInsensitiveMultiMap(), null);
  }

  Reply post(String uri, JsonObject body) {
    return send(HttpMethod.POST, uri, json(), body.toBuffer());
  }

  Reply put(String uri, JsonObject body, String ifMatch) {
    MultiMap headers = json();
    if (ifMatch != null) {
      headers.add("If-Match", ifMatch);
    }
    return send(HttpMethod.PUT, uri, headers, body.toBuffer());
  }

  Reply delete(String uri) {
    return send(HttpMethod.DELETE, uri, MultiMap.caseInsensitiveMultiMap(), null);
  }

  Reply send(HttpMethod method, String uri, MultiMap headers, Buffer body) {
    return sendAsync(method, uri, headers, body).await();
  }

  /** For requests that must be in flight together. */
  Future<Reply> sendAsync(HttpMethod method, String uri, MultiMap headers, Buffer body) {
    var request = client.request(method, uri);
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    request.putHeaders(headers);
    Future<HttpResponse<Buffer>> response = body == null ? request.send() : request.sendBuffer(body);
    return response.map(r -> new Reply(r.statusCode(), r.headers(), r.body()));
  }

  static MultiMap json() {
    return MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
  }

  /**
   * Fails the test unless the answer is one the contract declares for the operation: status, headers
   * and body schema. Problem bodies are checked as JSON, as the router's copy of the contract declares them;
   * the Prometheus text as text/plain.
   */
  Reply conforms(String operationId, Reply reply) {
    Map<String, String> headers = new HashMap<>();
    reply.headers().forEach(header -> headers.put(header.getKey(), header.getValue()));
    String contentType = reply.header("content-type");
    if (contentType != null && contentType.startsWith("application/problem+json")) {
      contentType = "application/json";
    }
    // Likewise, the router's copy can declare no text/plain parameter but charset (Prometheus's version=0.0.4).
    if (contentType != null && contentType.startsWith("text/plain; version=0.0.4")) {
      contentType = "text/plain; charset=utf-8";
    }
    ValidatableResponse response = reply.body() == null
      ? ValidatableResponse.create(reply.status(), headers)
      : ValidatableResponse.create(reply.status(), headers, reply.body(), contentType);
    try {
      contract.validate(response, operationId).await();
    } catch (RuntimeException e) {
      throw new AssertionError(operationId + " answered " + reply.status() + " " + reply.bodyText()
        + ", which the contract does not declare: " + e.getMessage(), e);
    }
    return reply;
  }

  record Reply(int status, MultiMap headers, Buffer body) {

    String header(String name) {
      return headers.get(name);
    }

    JsonObject json() {
      return body.toJsonObject();
    }

    String bodyText() {
      return body == null ? "" : body.toString();
    }
  }
}
