package io.brandstats.gateway;

import io.brandstats.gateway.vertxopenapi.RouterContract;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.InputStream;

/**
 * Loads the contract the router is built from: the file as published (served at /openapi.yaml), and the
 * contract parsed from it as the router needs it (see {@link RouterContract}).
 */
public final class ContractLoader {

  /** Where the jar carries the contract it was built with. */
  public static final String BUILT_IN = "openapi/brandstats.yaml";

  private ContractLoader() {
  }

  public static Future<OpenAPIContract> load(Vertx vertx, String path) {
    return read(vertx, path).compose(file -> parse(vertx, file));
  }

  /**
   * The contract file: the copy built into the jar when {@code path} is empty (so a node started inside
   * some other checkout still serves its own contract), else that file. Read on a worker thread.
   */
  public static Future<Buffer> read(Vertx vertx, String path) {
    if (path != null && !path.isEmpty()) {
      return vertx.fileSystem().readFile(path);
    }
    return vertx.executeBlocking(() -> {
      try (InputStream in = ContractLoader.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
        if (in == null) {
          throw new IllegalStateException("The built-in contract " + BUILT_IN + " is missing from the classpath");
        }
        return Buffer.buffer(in.readAllBytes());
      }
    }, false);
  }

  public static Future<OpenAPIContract> parse(Vertx vertx, Buffer file) {
    return RouterContract.parse(vertx, file);
  }
}
