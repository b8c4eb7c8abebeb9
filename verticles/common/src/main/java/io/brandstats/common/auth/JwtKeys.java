package io.brandstats.common.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * The keys tokens are signed and checked with, as the launcher resolves them from configuration:
 * a list of {@code {"kid", "algorithm", "key"}} where key is an HS256 secret or a PEM public key.
 * Every key carries its kid, so a token names the key that checks it and keys can rotate.
 */
public final class JwtKeys {

  /** The claim every Brandstats token carries its roles in, unless auth.roleClaim says otherwise. */
  public static final String DEFAULT_ROLE_CLAIM = "roles";
  /** The role a node's own services carry when they call another service through the gateway. */
  public static final String SERVICE_ROLE = "service";

  private JwtKeys() {
  }

  public static JsonObject key(String kid, String algorithm, String key) {
    return new JsonObject().put("kid", kid).put("algorithm", algorithm).put("key", key);
  }

  /** A provider that checks tokens against every key in the list (by their kid). */
  public static JWTAuth verifier(Vertx vertx, JsonArray keys) {
    JWTAuthOptions options = new JWTAuthOptions();
    for (Object entry : keys) {
      JsonObject key = (JsonObject) entry;
      options.addPubSecKey(new PubSecKeyOptions()
        .setId(key.getString("kid"))
        .setAlgorithm(key.getString("algorithm"))
        .setBuffer(key.getString("key")));
    }
    return JWTAuth.create(vertx, options);
  }
}
