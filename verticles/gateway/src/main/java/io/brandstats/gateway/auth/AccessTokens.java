package io.brandstats.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.brandstats.common.auth.JwtKeys;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;

/**
 * Reads the bearer token a request carries, once, before anything else needs it: the rate limit keys on
 * its subject, and each operation's security check asks for its roles. A request without a token, or
 * with one that does not verify, goes on; whether that is acceptable is the operation's to decide.
 */
public final class AccessTokens {

  private static final String TOKEN = "brandstats.token";
  private static final String BEARER = "bearer ";

  /** Tokens already verified, so a client (or a service) reusing its token pays the signature check once. */
  private static final int VERIFIED_MAX = 10_000;
  private static final Duration VERIFIED_FOR = Duration.ofSeconds(60);

  private final JWTAuth verifier;
  private final String roleClaim;
  private final Cache<String, Token> verified = Caffeine.newBuilder()
    .maximumSize(VERIFIED_MAX)
    .expireAfterWrite(VERIFIED_FOR)
    .executor(Runnable::run)
    .build();

  private AccessTokens(JWTAuth verifier, String roleClaim) {
    this.verifier = verifier;
    this.roleClaim = roleClaim;
  }

  /** @param auth the gateway's auth settings: the resolved keys and the claim tokens carry their roles in */
  public static AccessTokens of(Vertx vertx, JsonObject auth) {
    JsonArray keys = auth.getJsonArray("keys");
    AccessTokens tokens = new AccessTokens(JwtKeys.verifier(vertx, keys), auth.getString("roleClaim"));
    tokens.warmUp(keys);
    return tokens;
  }

  /**
   * Signs and checks one throw-away token with an HS256 key, so the first real request does not pay
   * for loading and compiling the token code: a cold first call between services can otherwise miss
   * a tight upstream timeout.
   */
  private void warmUp(JsonArray keys) {
    keys.stream().map(JsonObject.class::cast).filter(key -> "HS256".equals(key.getString("algorithm"))).findFirst()
      .ifPresent(key -> verifier.authenticate(new TokenCredentials(verifier.generateToken(new JsonObject(),
        new JWTOptions().setAlgorithm("HS256").setHeader(new JsonObject().put("kid", key.getString("kid")))
          .setExpiresInSeconds(1)))));
  }

  /** What the request's token turned out to be. */
  public record Token(Presence presence, User user, List<String> roles) {

    static final Token NONE = new Token(Presence.NONE, null, List.of());
    static final Token EXPIRED = new Token(Presence.EXPIRED, null, List.of());
    static final Token INVALID = new Token(Presence.INVALID, null, List.of());

    public String subject() {
      return user == null ? null : user.principal().getString("sub");
    }

    /** Past its exp (a remembered token is checked again on each use). */
    boolean expired() {
      Long exp = user == null ? null : user.principal().getLong("exp");
      return exp != null && exp <= System.currentTimeMillis() / 1000;
    }
  }

  public enum Presence { NONE, VALID, EXPIRED, INVALID }

  public static Token of(RoutingContext ctx) {
    Token token = ctx.get(TOKEN);
    return token == null ? Token.NONE : token;
  }

  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      ctx.next();
      return;
    }
    String jwt = header.substring(BEARER.length()).trim();
    Token known = verified.getIfPresent(jwt);
    if (known != null) {
      ctx.put(TOKEN, known.expired() ? Token.EXPIRED : known);
      ctx.next();
      return;
    }
    verifier.authenticate(new TokenCredentials(jwt)).onComplete(done -> {
      if (done.succeeded()) {
        Token token = new Token(Presence.VALID, done.result(), roles(done.result()));
        verified.put(jwt, token);
        ctx.put(TOKEN, token);
      } else {
        String reason = String.valueOf(done.cause().getMessage());
        ctx.put(TOKEN, reason.toLowerCase(java.util.Locale.ROOT).contains("expired") ? Token.EXPIRED : Token.INVALID);
      }
      ctx.next();
    });
  }

  /** The role claim as a list of strings; a single string counts as one role, anything else as none. */
  private List<String> roles(User user) {
    Object claim = user.principal().getValue(roleClaim);
    if (claim instanceof JsonArray array) {
      return array.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    return claim instanceof String role ? List.of(role) : List.of();
  }
}
