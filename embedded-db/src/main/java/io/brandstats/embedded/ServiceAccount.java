package io.brandstats.embedded;

import java.util.regex.Pattern;

/**
 * A service's own user on the embedded server, with every right on its own database and none elsewhere: the
 * services' autonomy, enforced by the database itself.
 *
 * @param user     the user's name, e.g. {@code brand}
 * @param database the one database it may use, e.g. {@code brand}
 */
public record ServiceAccount(String user, String database) {

  /** Names that go into SQL as identifiers (they cannot be bound as parameters): plain words only. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

  public ServiceAccount {
    if (!NAME.matcher(user).matches() || user.length() > 32 || !NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("A database and its user are named with letters, digits and _ only "
        + "(user up to 32, database up to 64 characters), not '" + user + "' and '" + database + "'");
    }
  }
}
