package io.brandstats.common;

import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.ContextLocal;

/**
 * Registers the request id's slot in every Vert.x context. Context locals must exist before a Vertx
 * instance is built; Vert.x loads service providers first, so this class (listed in
 * META-INF/services) is initialised in time, whoever builds the instance.
 */
public final class RequestIdStorage implements VertxServiceProvider {

  static final ContextLocal<String> LOCAL = ContextLocal.registerLocal(String.class);

  @Override
  public void init(VertxBootstrap builder) {
    // Nothing to configure: loading this class registered the local.
  }
}
