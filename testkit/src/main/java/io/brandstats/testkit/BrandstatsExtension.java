package io.brandstats.testkit;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store.CloseableResource;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a whole Brandstats node for JUnit 5 tests and injects it as a {@link TestNode} parameter (of a test,
 * a constructor, or a {@code @BeforeAll} method).
 *
 * <ul>
 *   <li>{@code @ExtendWith(BrandstatsExtension.class)}: one node shared by every such class of the JVM, for
 *       tests that just need a working system; started by the first, stopped after the last.</li>
 *   <li>{@code @RegisterExtension static BrandstatsExtension node = BrandstatsExtension.nodePerClass().set(...)}:
 *       a node of the class's own with its changes, stopped after the class (its {@code @Nested} classes share it).</li>
 * </ul>
 *
 * Start blocks the test thread while the embedded database comes up (seconds; longer on its very first run,
 * which unpacks it).
 */
public final class BrandstatsExtension implements BeforeAllCallback, ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(BrandstatsExtension.class);
  private static final String SHARED = "shared";
  private static final String OWN = "own";

  private final boolean shared;
  private final List<ConfigChange> changes = new ArrayList<>();

  /** The shared node, as {@code @ExtendWith(BrandstatsExtension.class)} registers it. */
  public BrandstatsExtension() {
    this(true);
  }

  private BrandstatsExtension(boolean shared) {
    this.shared = shared;
  }

  /** A node for the registering class alone, configured by {@link #set} and {@link #configure}. */
  public static BrandstatsExtension nodePerClass() {
    return new BrandstatsExtension(false);
  }

  /** Sets a configuration key by its path in config/brandstats.yaml, e.g. {@code set("auth.readsRequireToken", true)}. */
  public BrandstatsExtension set(String keyPath, Object value) {
    return configure(config -> TestConfig.set(config, keyPath, value));
  }

  /** Changes the configuration with code; changes apply in the order given. */
  public BrandstatsExtension configure(ConfigChange change) {
    if (shared) {
      throw new IllegalStateException("The shared node runs the test configuration as it is: use nodePerClass() to change it");
    }
    changes.add(change);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (shared) {
      sharedNode(context);
    } else if (context.getStore(NAMESPACE).get(OWN) == null) { // a @Nested class finds its outer class's node
      String name = context.getRequiredTestClass().getSimpleName() + "-" + ProcessHandle.current().pid();
      TestNode node = TestNode.start(name, config -> {
        for (ConfigChange change : changes) {
          change.apply(config);
        }
      });
      context.getStore(NAMESPACE).put(OWN, new Running(node));
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestNode.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (shared) {
      return sharedNode(context);
    }
    Running own = context.getStore(NAMESPACE).get(OWN, Running.class);
    if (own == null) {
      throw new ParameterResolutionException("No node for " + context.getDisplayName()
        + ": register BrandstatsExtension.nodePerClass() on a static field with @RegisterExtension");
    }
    return own.node();
  }

  /** Kept in the root context's store, so JUnit stops it once every test of the run is done. */
  private static TestNode sharedNode(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SHARED, key -> {
      try {
        return new Running(TestNode.start("shared-" + ProcessHandle.current().pid()));
      } catch (Exception e) {
        throw new IllegalStateException("The shared Brandstats node did not start: " + e.getMessage(), e);
      }
    }, Running.class).node();
  }

  /** A node JUnit closes with the context whose store holds it. */
  private record Running(TestNode node) implements CloseableResource {

    @Override
    public void close() {
      node.close();
    }
  }
}
