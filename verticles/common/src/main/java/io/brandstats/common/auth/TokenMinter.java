package io.brandstats.common.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.util.List;

/** Signs tokens with one HS256 secret, naming its kid in the header so the gateway picks the same key. */
public final class TokenMinter {

  private final JWTAuth signer;
  private final String kid;
  private final String roleClaim;

  /** @param signingKey {@code {"kid", "algorithm": "HS256", "key": secret}} */
  public TokenMinter(Vertx vertx, JsonObject signingKey, String roleClaim) {
    this.signer = JwtKeys.verifier(vertx, new JsonArray().add(signingKey));
    this.kid = signingKey.getString("kid");
    this.roleClaim = roleClaim;
  }

  public String mint(String subject, List<String> roles, int ttlSeconds) {
    return signer.generateToken(new JsonObject().put(roleClaim, new JsonArray(roles)), new JWTOptions()
      .setAlgorithm("HS256")
      .setHeader(new JsonObject().put("kid", kid))
      .setSubject(subject)
      .setExpiresInSeconds(ttlSeconds));
  }
}
