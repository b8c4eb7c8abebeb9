package io.brandstats.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The statements that give an installation its users, run by the server itself as it starts (its
 * {@code --init-file}, with every right, before it accepts connections): no anonymous users; root, from
 * 127.0.0.1 only, with the installation's password; each service its own user and database. They hold only
 * password hashes, and they are the same for a new installation and for one made before the server had
 * passwords, which is upgraded in place this way.
 */
final class Grants {

  /** The host every user connects from: the server listens on loopback only. */
  private static final String HOST = "'127.0.0.1'";

  private Grants() {
  }

  /** Writes the statements, owner-only, to {@code file}. */
  static void write(Path file, Credentials credentials, List<ServiceAccount> accounts) throws IOException {
    Files.deleteIfExists(file);
    OwnerOnly.createFile(file);
    Files.writeString(file, statements(credentials, accounts), StandardCharsets.UTF_8);
  }

  static String statements(Credentials credentials, List<ServiceAccount> accounts) {
    StringBuilder sql = new StringBuilder()
      .append("DELETE FROM mysql.global_priv WHERE User = '';\n")
      .append("FLUSH PRIVILEGES;\n");
    user(sql, "root", credentials.rootPassword());
    sql.append("GRANT ALL PRIVILEGES ON *.* TO 'root'@").append(HOST).append(" WITH GRANT OPTION;\n");
    for (ServiceAccount account : accounts) {
      sql.append("CREATE DATABASE IF NOT EXISTS `").append(account.database()).append("`;\n");
      user(sql, account.user(), credentials.password(account.user()));
      sql.append("GRANT ALL PRIVILEGES ON `").append(account.database()).append("`.* TO '")
        .append(account.user()).append("'@").append(HOST).append(";\n");
    }
    return sql.toString();
  }

  /** The user with this password, whether it is new or was made with another (or none). */
  private static void user(StringBuilder sql, String name, String password) {
    String hash = Credentials.nativeHash(password);
    sql.append("CREATE USER IF NOT EXISTS '").append(name).append("'@").append(HOST)
      .append(" IDENTIFIED BY PASSWORD '").append(hash).append("';\n")
      .append("ALTER USER '").append(name).append("'@").append(HOST)
      .append(" IDENTIFIED BY PASSWORD '").append(hash).append("';\n");
  }
}
