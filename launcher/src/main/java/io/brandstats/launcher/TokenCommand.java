package io.brandstats.launcher;

import io.brandstats.common.auth.TokenMinter;
import io.brandstats.config.ConfigLoader;
import io.brandstats.node.AuthKeys;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar brandstats.jar token [--role R]... [--ttl SECONDS] [--subject S] [--config FILE] [--data-dir DIR]}:
 * prints a bearer token signed with the key the node would use (the first auth.secrets entry, or the
 * local key in the data folder, created if missing), for curl, scripts and benchmarks on this machine.
 */
final class TokenCommand {

  static final String USAGE = """
    Usage: java -jar brandstats.jar token [options]

      --role R          a role the token carries; repeat for several (default: writer)
      --ttl SECONDS     how long the token is valid (default 3600)
      --subject S       who the token says it is; rate limits count per subject (default: local-user)
      --config FILE     the configuration the node runs with (its auth.secrets)
      --data-dir DIR    the node's data folder, where the local key lives (embedded.dataDir, default ./data)

    Prints the token alone, e.g.  curl -H "Authorization: Bearer $(java -jar brandstats.jar token)" ...
    """;

  private TokenCommand() {
  }

  /** The token, or null when only help was asked for. */
  static String run(String[] args) {
    List<String> roles = new ArrayList<>();
    int ttl = 3600;
    String subject = "local-user";
    Path file = null;
    String dataDir = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> {
          return null;
        }
        case "--role" -> roles.add(value(args, ++i, "--role"));
        case "--ttl" -> ttl = seconds(value(args, ++i, "--ttl"));
        case "--subject" -> subject = value(args, ++i, "--subject");
        case "--config" -> file = Path.of(value(args, ++i, "--config"));
        case "--data-dir" -> dataDir = value(args, ++i, "--data-dir");
        default -> throw new IllegalArgumentException("Unknown option: " + args[i]);
      }
    }
    JsonObject config = ConfigLoader.load(file, System.getenv());
    if (dataDir != null) {
      config.getJsonObject("embedded").put("dataDir", dataDir);
    }
    AuthKeys keys = AuthKeys.resolve(config);
    if (keys.ephemeral()) {
      throw new IllegalArgumentException("This configuration accepts tokens from auth.publicKeys only: "
        + "get a token from the issuer that holds the private key");
    }
    Vertx vertx = Vertx.vertx();
    try {
      return new TokenMinter(vertx, keys.signingKey(), config.getJsonObject("auth").getString("roleClaim"))
        .mint(subject, roles.isEmpty() ? List.of("writer") : roles, ttl);
    } finally {
      vertx.close();
    }
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  private static int seconds(String text) {
    try {
      int seconds = Integer.parseInt(text);
      if (seconds > 0) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new IllegalArgumentException("--ttl must be a positive number of seconds, not '" + text + "'");
  }
}
