package io.brandstats.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The embedded server's passwords. One secret per installation, generated on first start into {@value #FILE}
 * in the data folder, readable by its owner only (like local-jwt.key), is root's password; each service user's
 * password is derived from it (HMAC-SHA256 of the user's name), so that one file holds them all.
 */
final class Credentials {

  static final String FILE = "mariadb-root.key";
  private static final int MIN_LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String rootPassword;

  private Credentials(String rootPassword) {
    this.rootPassword = rootPassword;
  }

  /** The installation's secret: read from the data folder, or created there on first start. */
  static Credentials of(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      byte[] random = new byte[32];
      RANDOM.nextBytes(random);
      try {
        OwnerOnly.createFile(file);
        Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n", StandardCharsets.US_ASCII);
      } catch (FileAlreadyExistsException raced) {
        // another process created it first: use theirs
      }
    }
    OwnerOnly.restrictFile(file);
    String secret = Files.readString(file, StandardCharsets.US_ASCII).trim();
    if (secret.length() < MIN_LENGTH) {
      throw new IllegalStateException(file + " does not hold a usable password; restore it from a backup (the "
        + "database's users were made with it)");
    }
    return new Credentials(secret);
  }

  String rootPassword() {
    return rootPassword;
  }

  /** A service user's password, the same at every start of this installation. */
  String password(String user) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(rootPassword.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      byte[] derived = mac.doFinal(("user:" + user).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(derived);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  /**
   * What MariaDB stores for a mysql_native_password: '*' and SHA1(SHA1(password)) in hex, so the statements that
   * set passwords never hold them in clear.
   */
  static String nativeHash(String password) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] once = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
      return "*" + HexFormat.of().formatHex(sha1.digest(once)).toUpperCase(Locale.ROOT);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
    }
  }
}
