package io.brandstats.gateway;

import static io.brandstats.gateway.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two gateways in front of one brand service: one as configured by default (writes need role writer), one
 * with auth.readsRequireToken (reads need any valid token) and a small body limit.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("An operation's security requirement is checked first on its route: 401/403 with a Bearer challenge")
class OperationSecurityTest {

  private static final String MALFORMED = new JsonObject().put("name", 42).put("founded", 1970).encode();
  private static final String REALM = "Bearer realm=\"brandstats\"";
  private static final int BODY_LIMIT = 2048;

  private static TestGateway gateway;
  private static TestGateway closed;

  @BeforeAll
  static void deploy(Vertx vertx) {
    FakeBrandService.bind(vertx);
    gateway = TestGateway.deploy(vertx, TestGateway.config(), List.of("brand"));
    JsonObject readsNeedToken = TestGateway.config();
    readsNeedToken.getJsonObject("auth").put("readsRequireToken", true);
    readsNeedToken.getJsonObject("http").put("bodyLimit", BODY_LIMIT);
    closed = TestGateway.deploy(vertx, readsNeedToken, List.of("brand"));
  }

  private static JsonObject claims(Object roles, long expiresAt) {
    return new JsonObject().put("sub", "someone").put("roles", roles).put("exp", expiresAt);
  }

  private static long inMinutes(int minutes) {
    return System.currentTimeMillis() / 1000 + minutes * 60L;
  }

  /** The refusal, with its challenge. */
  private static String refused(TestGateway.Reply reply, int status) {
    assertProblem(reply, status);
    String challenge = reply.header("WWW-Authenticate");
    assertThat(challenge).startsWith(REALM);
    return challenge;
  }

  @Test
  @DisplayName("a malformed write without a token is 401 with a bare challenge, never a 400 listing its fields")
  void noTokenBeforeValidation() {
    for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT)) {
      String uri = method == HttpMethod.POST ? "/brands" : "/brands/1";
      TestGateway.Reply reply = gateway.sendJson(method, uri, null, MALFORMED);
      assertThat(refused(reply, 401)).as(method.name()).isEqualTo(REALM);
      assertThat(reply.json().containsKey("errors")).isFalse();
    }
    assertThat(refused(gateway.send(HttpMethod.DELETE, "/brands/1", MultiMap.caseInsensitiveMultiMap(), null), 401))
      .isEqualTo(REALM);
  }

  @Test
  @DisplayName("a malformed write with a reader token is 403 insufficient_scope naming the writer role")
  void readerTokenBeforeValidation() {
    String reader = gateway.bearer(List.of("reader"));
    assertThat(refused(gateway.sendJson(HttpMethod.POST, "/brands", reader, MALFORMED), 403))
      .isEqualTo(REALM + ", error=\"insufficient_scope\", scope=\"writer\"");
  }

  @Test
  @DisplayName("with a writer token the same malformed write gets to validation: a 400 naming its fields")
  void writerTokenThenValidation() {
    TestGateway.Reply reply = gateway.sendJson(HttpMethod.POST, "/brands", gateway.bearer(List.of("writer")), MALFORMED);
    assertThat(assertProblem(reply, 400).getJsonArray("errors")).isNotEmpty();
    assertThat(reply.header("WWW-Authenticate")).isNull();
  }

  @Test
  @DisplayName("an expired, forged or unreadable token is 401 invalid_token, saying which")
  void unusableTokens() {
    String expired = gateway.bearer(TestGateway.SECRET, claims(new JsonArray().add("writer"), inMinutes(-1)));
    assertThat(refused(gateway.sendJson(HttpMethod.POST, "/brands", expired, MALFORMED), 401))
      .contains("error=\"invalid_token\"").contains("expired");

    String forged = gateway.bearer("another-secret-" + TestGateway.SECRET, claims(new JsonArray().add("writer"), inMinutes(5)));
    assertThat(refused(gateway.sendJson(HttpMethod.POST, "/brands", forged, MALFORMED), 401))
      .contains("error=\"invalid_token\"").contains("not accepted");

    assertThat(refused(gateway.sendJson(HttpMethod.POST, "/brands", "Bearer not.a.jwt", MALFORMED), 401))
      .contains("error=\"invalid_token\"");
  }

  @Test
  @DisplayName("a role claim that is one string rather than a list counts as that role")
  void singleRoleClaim() {
    String writer = gateway.bearer(TestGateway.SECRET, claims("writer", inMinutes(5)));
    TestGateway.Reply created = gateway.sendJson(HttpMethod.POST, "/brands", writer,
      new JsonObject().put("name", "Single Role").put("country", "DE").encode());
    assertThat(created.status()).as(created.text()).isEqualTo(201);
  }

  @Test
  @DisplayName("reads need no token by default")
  void readsArePublic() {
    assertThat(gateway.get("/brands/3").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("with auth.readsRequireToken a read needs a valid token of any role; health and the contract stay public")
  void readsRequireToken() {
    assertThat(refused(closed.get("/brands/3"), 401)).isEqualTo(REALM);
    assertThat(refused(closed.get("/brands/abc"), 401)).as("refused before validation").isEqualTo(REALM);
    TestGateway.Reply withToken = closed.send(HttpMethod.GET, "/brands/3",
      MultiMap.caseInsensitiveMultiMap().add("Authorization", closed.bearer(List.of("reader"))), null);
    assertThat(withToken.status()).isEqualTo(200);
    assertThat(closed.get("/health/live").status()).isEqualTo(200);
    assertThat(closed.get("/openapi.yaml").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("without a token, what is refused before any route keeps its answer: 413, 404, 405; a wrong media type is 401")
  void answersBeforeTheRoute() {
    String tooLarge = new JsonObject().put("name", "x".repeat(BODY_LIMIT)).put("country", "DE").encode();
    assertProblem(closed.sendJson(HttpMethod.POST, "/brands", null, tooLarge), 413);
    assertProblem(closed.get("/brandz"), 404);
    assertProblem(closed.send(HttpMethod.PATCH, "/brands/1", MultiMap.caseInsensitiveMultiMap(), null), 405);
    MultiMap plainText = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/plain");
    refused(closed.send(HttpMethod.POST, "/brands", plainText, Buffer.buffer("name=Acme")), 401);
  }
}
