package io.brandstats.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the configuration: the built-in defaults ({@code config/brandstats.yaml}), then an optional
 * file, then environment variables named {@code BRANDSTATS_<KEY_PATH>}. Only keys that exist in the
 * defaults can be set, so a typo fails start-up instead of being ignored. Runs before deployment.
 */
public final class ConfigLoader {

  public static final String DEFAULTS = "config/brandstats.yaml";
  public static final String ENV_PREFIX = "BRANDSTATS_";

  private ConfigLoader() {
  }

  public static JsonObject load(Path file, Map<String, String> env) {
    JsonObject config = defaults();
    if (file != null) {
      merge(config, read(file), "");
    }
    applyEnvironment(config, env, "");
    return config;
  }

  public static JsonObject defaults() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS + " is missing from the classpath");
      }
      return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), DEFAULTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonObject read(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the configuration file " + file + ": " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static JsonObject parse(String yaml, String source) {
    Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (document == null) {
      return new JsonObject();
    }
    if (!(document instanceof Map)) {
      throw new IllegalArgumentException(source + " must be a YAML mapping of configuration keys");
    }
    return new JsonObject((Map<String, Object>) document);
  }

  /** Copies the overrides in, refusing keys the defaults do not know. */
  private static void merge(JsonObject target, JsonObject overrides, String path) {
    for (String key : overrides.fieldNames()) {
      String keyPath = path + key;
      if (!target.containsKey(key)) {
        throw new IllegalArgumentException("Unknown configuration key '" + keyPath + "'");
      }
      Object value = overrides.getValue(key);
      if (target.getValue(key) instanceof JsonObject section && value instanceof JsonObject nested) {
        merge(section, nested, keyPath + ".");
      } else {
        target.put(key, value);
      }
    }
  }

  private static void applyEnvironment(JsonObject config, Map<String, String> env, String path) {
    for (String key : config.fieldNames()) {
      String keyPath = path + key;
      Object current = config.getValue(key);
      if (current instanceof JsonObject section) {
        applyEnvironment(section, env, keyPath + ".");
        continue;
      }
      String value = env.get(envName(keyPath));
      if (value != null) {
        config.put(key, convert(value, current, envName(keyPath)));
      }
    }
  }

  /** http.bodyLimit -> BRANDSTATS_HTTP_BODY_LIMIT */
  public static String envName(String keyPath) {
    String snake = keyPath.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_');
    return ENV_PREFIX + snake.toUpperCase(Locale.ROOT);
  }

  private static Object convert(String value, Object current, String name) {
    try {
      if (current instanceof Integer || current instanceof Long) {
        return Long.parseLong(value.trim());
      }
      if (current instanceof Double || current instanceof Float) {
        return Double.parseDouble(value.trim());
      }
      if (current instanceof Boolean) {
        return Boolean.parseBoolean(value.trim());
      }
      if (current instanceof JsonArray) {
        return new JsonArray(Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
    }
  }
}
