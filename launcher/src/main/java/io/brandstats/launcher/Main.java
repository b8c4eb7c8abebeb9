package io.brandstats.launcher;

import io.brandstats.config.ConfigLoader;
import io.brandstats.embedded.DataDirInUseException;
import io.brandstats.node.Brandstats;
import io.brandstats.node.DemoData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar brandstats.jar [--config FILE] [--port N] [--data-dir DIR] [--services a,b] [--cluster]} */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private static final String USAGE = """
    Usage: java -jar brandstats.jar [options]

      --config FILE     read configuration overrides from a YAML file (keys as in config/brandstats.yaml)
      --port N          gateway port (http.port, default 8080)
      --data-dir DIR    embedded database folder (embedded.dataDir, default ./data)
      --services LIST   services this node runs, comma-separated (node.services, default: all of
                        gateway, brand, store, product, stats)
      --cluster         join the Vert.x cluster described by the cluster.* settings (cluster.enabled);
                        every node of a cluster shares one external database (db.host)
      --demo            fill an empty installation with demo data (20 brands, 300 products, 40 stores,
                        90 days of sales) through the API; --demo-force adds it to a non-empty one
      --demo-seed N     the demo's random seed (default 1): the same seed gives the same data; to add
                        a second set with --demo-force, choose another seed
      --help            this text

    java -jar brandstats.jar token [--role writer] [--ttl 3600] prints a bearer token for writes
    (see: java -jar brandstats.jar token --help).

    Every configuration key can also be set by environment variable, e.g. BRANDSTATS_HTTP_PORT=9090.
    """;

  private Main() {
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("token")) {
      printToken(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    long started = System.nanoTime();
    JsonObject config;
    try {
      config = configFrom(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    if (config == null) {
      System.out.print(USAGE);
      return;
    }
    Brandstats node;
    try {
      node = Brandstats.start(config);
    } catch (DataDirInUseException inUse) {
      // Nothing failed: the folder is another node's. One line says whose, and what to do.
      LOG.error("Brandstats did not start: {}", inUse.getMessage());
      System.exit(1);
      return;
    } catch (Exception e) {
      LOG.error("Brandstats could not start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "brandstats-shutdown"));
    JvmFlags.adviseOnStart();
    List<String> services = Brandstats.services(config);
    String base = "http://localhost:" + node.port();
    LOG.info("Brandstats ready in {} ms running {}{}", (System.nanoTime() - started) / 1_000_000, String.join(", ", services),
      services.contains(Brandstats.GATEWAY) ? ": dashboard " + base + "/dashboard/, API docs " + base + "/docs/" : "");
    if (config.containsKey("demo")) {
      try {
        new DemoData(node, config.getLong("demoSeed"), DemoData.SALES_PER_DAY).fill("force".equals(config.getString("demo")));
      } catch (RuntimeException e) {
        LOG.error("Demo data could not be loaded: {}", e.getMessage());
      }
    }
  }

  private static void printToken(String[] args) {
    try {
      String token = TokenCommand.run(args);
      System.out.print(token == null ? TokenCommand.USAGE : token + System.lineSeparator());
    } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
      System.err.println(e.getMessage());
      System.err.print(TokenCommand.USAGE);
      System.exit(2);
    }
  }

  /** The effective configuration, or null when only help was asked for. */
  static JsonObject configFrom(String[] args) {
    Path file = null;
    JsonObject flags = new JsonObject();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--help", "-h" -> {
          return null;
        }
        case "--config" -> file = Path.of(value(args, ++i, arg));
        case "--port" -> flags.put("port", parsePort(value(args, ++i, arg)));
        case "--data-dir" -> flags.put("dataDir", value(args, ++i, arg));
        case "--cluster" -> flags.put("cluster", true);
        case "--demo" -> flags.put("demo", "empty");
        case "--demo-force" -> flags.put("demo", "force");
        case "--demo-seed" -> flags.put("demoSeed", parseSeed(value(args, ++i, arg)));
        case "--services" -> flags.put("services", new JsonArray(Arrays.stream(value(args, ++i, arg).split(","))
          .map(String::trim).filter(s -> !s.isEmpty()).toList()));
        default -> throw new IllegalArgumentException("Unknown option: " + arg);
      }
    }
    JsonObject config = ConfigLoader.load(file, System.getenv());
    if (flags.containsKey("port")) {
      config.getJsonObject("http").put("port", flags.getInteger("port"));
    }
    if (flags.containsKey("dataDir")) {
      config.getJsonObject("embedded").put("dataDir", flags.getString("dataDir"));
    }
    if (flags.containsKey("cluster")) {
      config.getJsonObject("cluster").put("enabled", true);
    }
    if (flags.containsKey("services")) {
      config.getJsonObject("node").put("services", flags.getJsonArray("services"));
    }
    Brandstats.services(config);
    if (flags.containsKey("demo")) {
      config.put("demo", flags.getString("demo")).put("demoSeed", flags.getLong("demoSeed", 1L));
    }
    return config;
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  private static long parseSeed(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--demo-seed must be a whole number, not '" + text + "'");
    }
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new IllegalArgumentException("--port must be a number from 1 to 65535, not '" + text + "'");
  }
}
