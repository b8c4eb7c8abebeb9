package io.brandstats.common.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;

/**
 * The bearer token a service sends when it calls another through the gateway: subject
 * {@code service:<name>}, role {@code service}, signed with the node's signing key. Minted on first
 * use and again once half its lifetime has passed, so a call never carries an expired token.
 */
public final class ServiceTokens implements Supplier<String> {

  private final TokenMinter minter;
  private final String subject;
  private final int ttlSeconds;
  private volatile String token;
  private volatile long renewAtNanos;

  /**
   * @param serviceAuth {@code {"signingKey": {...}, "roleClaim": "roles", "tokenTtl": seconds}} as the launcher
   *                    passes it; null when the node runs without keys (then no token is sent)
   */
  public static Supplier<String> of(Vertx vertx, JsonObject serviceAuth, String service) {
    if (serviceAuth == null || serviceAuth.getJsonObject("signingKey") == null) {
      return () -> null;
    }
    ServiceTokens tokens = new ServiceTokens(new TokenMinter(vertx, serviceAuth.getJsonObject("signingKey"),
      serviceAuth.getString("roleClaim")), "service:" + service,
      serviceAuth.getInteger("tokenTtl"));
    tokens.get(); // signed once at start-up, so the first call between services does not pay for it
    return tokens;
  }

  private ServiceTokens(TokenMinter minter, String subject, int ttlSeconds) {
    this.minter = minter;
    this.subject = subject;
    this.ttlSeconds = ttlSeconds;
  }

  @Override
  public String get() {
    long now = System.nanoTime();
    if (token == null || now - renewAtNanos > 0) {
      token = minter.mint(subject, List.of(JwtKeys.SERVICE_ROLE), ttlSeconds);
      renewAtNanos = now + ttlSeconds * 500_000_000L;
    }
    return token;
  }
}
