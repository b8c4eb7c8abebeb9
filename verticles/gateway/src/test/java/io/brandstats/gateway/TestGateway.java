package io.brandstats.gateway;

import io.brandstats.common.auth.JwtKeys;
import io.brandstats.common.auth.TokenMinter;
import io.brandstats.config.ConfigLoader;
import io.brandstats.config.VerticleConfigs;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;

/**
 * A gateway on its own, deployed the way the launcher deploys one: the documented defaults
 * (config/brandstats.yaml) cut by {@link VerticleConfigs#gateway}, on a free port, checking tokens against
 * a key made for this test run. Requests go over real HTTP; the test thread waits for each answer.
 */
final class TestGateway {

  static final String KID = "gateway-test";
  static final String SECRET = UUID.randomUUID() + "-" + UUID.randomUUID();

  private final Vertx vertx;
  private final WebClient client;
  private final String roleClaim;

  private TestGateway(Vertx vertx, int port, String roleClaim) {
    this.vertx = vertx;
    this.roleClaim = roleClaim;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
      .setFollowRedirects(false));
  }

  /**
   * The defaults as brandstats.yaml has them, on a free port, with the per-client rate limit off: a test
   * sends many requests from one address.
   */
  static JsonObject config() {
    JsonObject config = ConfigLoader.defaults();
    config.getJsonObject("http").put("host", "127.0.0.1").put("port", freePort());
    config.getJsonObject("limits").getJsonObject("rate").put("requestsPerSecond", 0);
    return config;
  }

  /** Deploys one gateway verticle serving these services, and waits until it listens. */
  static TestGateway deploy(Vertx vertx, JsonObject config, List<String> services) {
    JsonObject auth = config.getJsonObject("auth");
    JsonObject gatewayAuth = new JsonObject()
      .put("keys", new JsonArray().add(JwtKeys.key(KID, "HS256", SECRET)))
      .put("roleClaim", auth.getString("roleClaim"))
      .put("readsRequireToken", auth.getBoolean("readsRequireToken"));
    DeploymentOptions options = new DeploymentOptions()
      .setConfig(VerticleConfigs.gateway(config, services, gatewayAuth));
    vertx.deployVerticle(GatewayVerticle::new, options).await();
    return new TestGateway(vertx, config.getJsonObject("http").getInteger("port"), auth.getString("roleClaim"));
  }

  /** An Authorization header with a token signed by the gateway's key, carrying these roles. */
  String bearer(List<String> roles) {
    return "Bearer " + new TokenMinter(vertx, JwtKeys.key(KID, "HS256", SECRET), roleClaim).mint("tester", roles, 600);
  }

  /** An Authorization header with a token of these claims signed with {@code secret} under the gateway's kid. */
  String bearer(String secret, JsonObject claims) {
    JWTAuth signer = JwtKeys.verifier(vertx, new JsonArray().add(JwtKeys.key(KID, "HS256", secret)));
    return "Bearer " + signer.generateToken(claims, new JWTOptions().setAlgorithm("HS256")
      .setHeader(new JsonObject().put("kid", KID)));
  }

  Reply get(String uri) {
    return send(HttpMethod.GET, uri, MultiMap.caseInsensitiveMultiMap(), null);
  }

  /** A JSON body, as clients send one. */
  Reply sendJson(HttpMethod method, String uri, String authorization, String json) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    if (authorization != null) {
      headers.add("Authorization", authorization);
    }
    return send(method, uri, headers, Buffer.buffer(json));
  }

  Reply send(HttpMethod method, String uri, MultiMap headers, Buffer body) {
    HttpRequest<Buffer> request = client.request(method, uri).putHeaders(headers);
    return (body == null ? request.send() : request.sendBuffer(body))
      .map(response -> new Reply(response.statusCode(), response.headers(), response.body()))
      .await();
  }

  /** One answer as the client received it. */
  record Reply(int status, MultiMap headers, Buffer body) {

    String header(String name) {
      return headers.get(name);
    }

    String text() {
      return body == null ? "" : body.toString();
    }

    JsonObject json() {
      return body.toJsonObject();
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
