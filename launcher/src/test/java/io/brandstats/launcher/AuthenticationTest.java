package io.brandstats.launcher;

import static io.brandstats.launcher.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.auth.JwtKeys;
import io.brandstats.testkit.BrandstatsExtension;
import io.brandstats.testkit.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node that accepts three keys: the test secret, a second secret (a rotation in progress) and an RSA
 * public key (an outside issuer). Every refused write is read back to prove nothing changed.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Writes need a valid bearer token with the writer role; reads stay public")
class AuthenticationTest {

  private static final String ROTATED_KID = "next";
  private static final String ROTATED_SECRET = UUID.randomUUID() + "-" + UUID.randomUUID();
  private static final String RSA_KID = "issuer-1";

  @RegisterExtension
  static final BrandstatsExtension BRANDSTATS = BrandstatsExtension.nodePerClass().configure(AuthenticationTest::threeKeys);

  private static TestNode node;
  private static Vertx vertx;
  private static Api writer;
  private static KeyPair rsa;
  /** The test nodes' own key (the first in auth.secrets), by its kid and secret. */
  private static String testKid;
  private static String testSecret;

  /** Beside the test key: a second secret, and the public key of an outside issuer written where the node reads it. */
  private static void threeKeys(JsonObject config) throws Exception {
    rsa = KeyPairGenerator.getInstance("RSA").genKeyPair();
    Path publicPem = Path.of("target", "test-keys", "issuer-1.pem");
    Files.createDirectories(publicPem.getParent());
    Files.writeString(publicPem, pem("PUBLIC KEY", rsa.getPublic().getEncoded()));
    config.getJsonObject("auth").getJsonArray("secrets").add(ROTATED_KID + ":" + ROTATED_SECRET);
    config.getJsonObject("auth").put("publicKeys", new JsonArray().add(RSA_KID + ":RS256:" + publicPem));
  }

  @BeforeAll
  static void startNode(Vertx testVertx, TestNode testNode) {
    vertx = testVertx;
    node = testNode;
    writer = new Api(vertx, node);
    String testKey = node.config().getJsonObject("auth").getJsonArray("secrets").getString(0);
    testKid = testKey.substring(0, testKey.indexOf(':'));
    testSecret = testKey.substring(testKey.indexOf(':') + 1);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
      + "\n-----END " + type + "-----\n";
  }

  private static Api as(String token) {
    return new Api(vertx, node.port(), token == null ? null : "Bearer " + token);
  }

  /** A token signed with any key and any claims, as an attacker or a misconfigured client might send. */
  private static String signed(String kid, String algorithm, String key, JsonObject claims) {
    JWTAuth signer = JwtKeys.verifier(vertx, new JsonArray().add(JwtKeys.key(kid, algorithm, key)));
    return signer.generateToken(claims, new JWTOptions().setAlgorithm(algorithm)
      .setHeader(new JsonObject().put("kid", kid)).setSubject("someone"));
  }

  private static JsonObject writerClaims() {
    return new JsonObject().put("roles", new JsonArray().add("writer"))
      .put("exp", System.currentTimeMillis() / 1000 + 600);
  }

  private static JsonObject brand(String name) {
    return new JsonObject().put("name", name).put("country", "DE");
  }

  private static String unique(String name) {
    return name + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Refused: 401/403 problem+json as the contract declares, with a Bearer challenge. */
  private static String assertRefused(Api.Reply reply, int status) {
    writer.conforms("createBrand", reply);
    assertProblem(reply, status);
    String challenge = reply.header("WWW-Authenticate");
    assertThat(challenge).startsWith("Bearer realm=\"brandstats\"");
    return challenge;
  }

  /** Nothing was created under that name. */
  private static void assertNoBrandNamed(String name) {
    Api.Reply found = writer.get("/brands?q=" + name.replace(" ", "%20"));
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().getJsonArray("items")).isEmpty();
  }

  @Test
  @DisplayName("a create without a token is 401 with a bare Bearer challenge, and nothing is created")
  void noToken() {
    String name = unique("Anonymous");
    String challenge = assertRefused(as(null).post("/brands", brand(name)), 401);
    assertThat(challenge).doesNotContain("error=");
    assertNoBrandNamed(name);
  }

  @Test
  @DisplayName("a malformed create without a token is 401, not 400: the token is checked before the body, and with a reader token it is 403")
  void tokenCheckedBeforeValidation() {
    JsonObject malformed = new JsonObject().put("name", 42);
    assertRefused(as(null).post("/brands", malformed), 401);
    assertRefused(as(null).put("/brands/1", malformed, null), 401);
    String reader = signed(testKid, "HS256", testSecret,
      new JsonObject().put("roles", new JsonArray().add("reader")).put("exp", System.currentTimeMillis() / 1000 + 600));
    assertRefused(as(reader).post("/brands", malformed), 403);
    assertThat(as(null).get("/brands?limit=0").status()).isEqualTo(400);
  }

  @Test
  @DisplayName("an expired token is 401 invalid_token, and nothing is created")
  void expiredToken() {
    String name = unique("Expired");
    String token = signed(testKid, "HS256", testSecret,
      writerClaims().put("exp", System.currentTimeMillis() / 1000 - 60));
    String challenge = assertRefused(as(token).post("/brands", brand(name)), 401);
    assertThat(challenge).contains("error=\"invalid_token\"").contains("expired");
    assertNoBrandNamed(name);
  }

  @Test
  @DisplayName("a token signed with another secret under a known kid is 401 invalid_token, and nothing is created")
  void wrongSignature() {
    String name = unique("Forged");
    String token = signed(testKid, "HS256", UUID.randomUUID() + "-" + UUID.randomUUID(), writerClaims());
    assertThat(assertRefused(as(token).post("/brands", brand(name)), 401)).contains("error=\"invalid_token\"");
    assertNoBrandNamed(name);
  }

  @Test
  @DisplayName("a token naming a key the node does not know is 401 invalid_token, and nothing is created")
  void unknownKid() {
    String name = unique("Unknown Key");
    String token = signed("retired", "HS256", testSecret, writerClaims());
    assertThat(assertRefused(as(token).post("/brands", brand(name)), 401)).contains("error=\"invalid_token\"");
    assertNoBrandNamed(name);
  }

  @Test
  @DisplayName("something that is not a JWT at all is 401 invalid_token")
  void garbageToken() {
    String name = unique("Garbage");
    assertThat(assertRefused(as("not.a.jwt").post("/brands", brand(name)), 401)).contains("error=\"invalid_token\"");
    assertNoBrandNamed(name);
  }

  @Test
  @DisplayName("a valid token without the writer role is 403 insufficient_scope naming the role, and nothing is created")
  void wrongRole() {
    String name = unique("Reader");
    String token = node.token("reader", List.of("reader"), 600);
    String challenge = assertRefused(as(token).post("/brands", brand(name)), 403);
    assertThat(challenge).contains("error=\"insufficient_scope\"").contains("scope=\"writer\"");
    assertNoBrandNamed(name);
  }

  @Test
  @DisplayName("updates and archives need the token too: refused ones leave the brand as it was")
  void updateAndArchiveRefused() {
    Api.Reply created = writer.post("/brands", brand(unique("Kept")));
    assertThat(created.status()).isEqualTo(201);
    JsonObject original = created.json();
    String uri = "/brands/" + original.getLong("id");
    Api anonymous = as(null);
    assertProblem(writer.conforms("updateBrand", anonymous.put(uri, brand(unique("Changed")), "\"1\"")), 401);
    assertProblem(writer.conforms("archiveBrand", anonymous.delete(uri)), 401);
    assertProblem(as(node.token("reader", List.of("reader"), 600)).delete(uri), 403);
    JsonObject now = writer.get(uri).json();
    assertThat(now.getString("name")).isEqualTo(original.getString("name"));
    assertThat(now.getString("status")).isEqualTo("active");
    assertThat(now.getInteger("version")).isEqualTo(original.getInteger("version"));
  }

  @Test
  @DisplayName("sales ingestion is a write: without a token it is 401 and no sale is stored")
  void salesNeedToken() {
    String eventId = "anon-" + UUID.randomUUID();
    Api.Reply reply = as(null).post("/sales", new JsonObject().put("eventId", eventId).put("productId", 1)
      .put("storeId", 1).put("quantity", 1).put("soldAt", "2026-11-01T10:00:00Z"));
    assertProblem(writer.conforms("ingestSales", reply), 401);
  }

  @Test
  @DisplayName("a writer token signed with the node's key creates the brand")
  void validToken() {
    assertThat(writer.conforms("createBrand", writer.post("/brands", brand(unique("Written")))).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("a token signed with the second configured secret (key rotation) is accepted by its kid")
  void rotatedKey() {
    String token = signed(ROTATED_KID, "HS256", ROTATED_SECRET, writerClaims());
    assertThat(as(token).post("/brands", brand(unique("Rotated"))).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("a token an outside issuer signed with its RSA private key is accepted through the configured public key")
  void publicKeyToken() {
    String token = signed(RSA_KID, "RS256", pem("PRIVATE KEY", rsa.getPrivate().getEncoded()), writerClaims());
    assertThat(as(token).post("/brands", brand(unique("Issued"))).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("reads need no token, and an API answer says nosniff")
  void readsArePublic() {
    Api.Reply reply = as(null).get("/brands?limit=1");
    assertThat(writer.conforms("listBrands", reply).status()).isEqualTo(200);
    assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
  }
}
