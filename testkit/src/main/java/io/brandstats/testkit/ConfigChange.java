package io.brandstats.testkit;

import io.vertx.core.json.JsonObject;

/**
 * A change to a test node's configuration before it starts, e.g.
 * {@code config -> config.getJsonObject("auth").put("readsRequireToken", true)}. It may throw, so that it can
 * prepare what the configuration points at (write a key file, start a server).
 */
@FunctionalInterface
public interface ConfigChange {

  void apply(JsonObject config) throws Exception;
}
