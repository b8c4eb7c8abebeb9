package io.brandstats.testkit;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain JDK HTTP against a test node, as a team integrating with Brandstats might call it. */
final class Http {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Http() {
  }

  /** GET with this bearer token (null: none). */
  static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
    return send(request(url, token).GET());
  }

  /** POST of a JSON body with this bearer token (null: none). */
  static HttpResponse<String> post(String url, String token, JsonObject body) throws IOException, InterruptedException {
    return send(request(url, token).header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
  }

  private static HttpRequest.Builder request(String url, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
