package io.brandstats.node;

import io.brandstats.common.auth.JwtKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * The keys a node checks tokens with and signs its own with, from auth.*: HS256 secrets
 * ({@code kid:secret}) and public keys ({@code kid:ALG:path-to-PEM}). With neither, a local secret is
 * generated once into {@code <embedded.dataDir>/local-jwt.key}, readable by its owner only, so a first
 * start is safe without any secret in code or configuration. Runs on the starting thread, before deployment;
 * the launcher's token command signs with the same keys.
 *
 * @param keys       every key tokens are accepted from
 * @param signingKey the HS256 key this node signs its own tokens with (service calls, demo data, the token command)
 * @param local      the signing key is the generated local one, not configured
 * @param ephemeral  the signing key exists only in this process (only public keys are configured)
 */
public record AuthKeys(JsonArray keys, JsonObject signingKey, boolean local, boolean ephemeral) {

  public static final String LOCAL_KEY_FILE = "local-jwt.key";
  private static final String LOCAL_KID = "local";
  private static final int MIN_SECRET_LENGTH = 32;
  private static final Set<String> PUBLIC_KEY_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512");
  private static final SecureRandom RANDOM = new SecureRandom();

  public static AuthKeys resolve(JsonObject config) {
    JsonObject auth = config.getJsonObject("auth");
    JsonArray keys = new JsonArray();
    JsonObject signing = null;
    for (Object entry : auth.getJsonArray("secrets")) {
      String text = String.valueOf(entry);
      int colon = text.indexOf(':');
      if (colon < 1 || text.length() - colon - 1 < MIN_SECRET_LENGTH) {
        throw new IllegalArgumentException("auth.secrets entries must be kid:secret with a secret of at least "
          + MIN_SECRET_LENGTH + " characters (entry " + keys.size() + " is not)");
      }
      JsonObject key = JwtKeys.key(text.substring(0, colon), "HS256", text.substring(colon + 1));
      keys.add(key);
      signing = signing == null ? key : signing;
    }
    for (Object entry : auth.getJsonArray("publicKeys")) {
      keys.add(publicKey(String.valueOf(entry)));
    }
    if (keys.isEmpty()) {
      Path dataDir = Path.of(config.getJsonObject("embedded").getString("dataDir"));
      JsonObject local = JwtKeys.key(LOCAL_KID, "HS256", localSecret(dataDir));
      return new AuthKeys(keys.add(local), local, true, false);
    }
    if (signing == null) {
      // Only an outside issuer's public keys: this node's own calls need a secret it alone knows.
      signing = JwtKeys.key("node-" + HexFormat.of().formatHex(randomBytes(6)), "HS256",
        Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32)));
      keys.add(signing);
      return new AuthKeys(keys, signing, false, true);
    }
    return new AuthKeys(keys, signing, false, false);
  }

  private static JsonObject publicKey(String entry) {
    String[] parts = entry.split(":", 3);
    if (parts.length != 3 || parts[0].isEmpty() || !PUBLIC_KEY_ALGORITHMS.contains(parts[1])) {
      throw new IllegalArgumentException("auth.publicKeys entries must be kid:ALG:path-to-PEM with ALG one of "
        + PUBLIC_KEY_ALGORITHMS + ", not '" + entry + "'");
    }
    try {
      return JwtKeys.key(parts[0], parts[1], Files.readString(Path.of(parts[2])));
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the public key " + parts[2] + ": " + e.getMessage(), e);
    }
  }

  /** The local secret: read from the data folder, or created there (owner read/write only) on first start. */
  private static String localSecret(Path dataDir) {
    Path file = dataDir.resolve(LOCAL_KEY_FILE);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(dataDir);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII);
          // stderr, not the log: the token command's stdout must hold the token alone
          System.err.println("Generated a local token key in " + file.toAbsolutePath()
            + " (for this machine only; configure auth.secrets or auth.publicKeys in production)");
        } catch (FileAlreadyExistsException raced) {
          // another process created it first: use theirs
        }
      }
      String secret = Files.readString(file, StandardCharsets.US_ASCII).trim();
      if (secret.length() < MIN_SECRET_LENGTH) {
        throw new IllegalStateException(file + " does not hold a usable key; delete it to have a new one generated");
      }
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the local token key " + file, e);
    }
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** What the gateway needs: every key, and how tokens carry roles. */
  JsonObject forGateway(JsonObject auth) {
    return new JsonObject()
      .put("keys", keys)
      .put("roleClaim", auth.getString("roleClaim"))
      .put("readsRequireToken", auth.getBoolean("readsRequireToken"));
  }

  /** What a service needs to mint its own tokens. */
  JsonObject forServices(JsonObject auth) {
    return new JsonObject()
      .put("signingKey", signingKey)
      .put("roleClaim", auth.getString("roleClaim"))
      .put("tokenTtl", auth.getInteger("serviceTokenTtl"));
  }

  /**
   * A service on one node calls the others through a gateway on another, with a token signed by its own
   * node: every node must sign with a key every gateway knows, not one generated for this node alone.
   */
  void checkShared() {
    if (local() || ephemeral()) {
      throw new IllegalArgumentException("A cluster's nodes must share a signing key: set auth.secrets "
        + "(BRANDSTATS_AUTH_SECRETS=kid:secret, a secret of at least 32 characters) to the same value on every node.");
    }
  }
}
