package io.brandstats.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("A node of the class's own, with configuration changes by key path and by code")
class NodePerClassTest {

  private static final int REQUEST_TIMEOUT = 1234;

  @RegisterExtension
  static final BrandstatsExtension BRANDSTATS = BrandstatsExtension.nodePerClass()
    .set("auth.readsRequireToken", true)
    .configure(config -> config.getJsonObject("gateway").put("requestTimeout", REQUEST_TIMEOUT));

  private static TestNode own;

  @BeforeAll
  static void remember(TestNode node) {
    own = node;
  }

  @Test
  @DisplayName("a key set by its path takes effect: reads need a token, and any valid one will do")
  void keyPathApplied(TestNode node) throws Exception {
    assertThat(Http.get(node.baseUrl() + "/brands", null).statusCode()).isEqualTo(401);
    String reader = node.token("reader", List.of("reader"), 60);
    assertThat(Http.get(node.baseUrl() + "/brands", reader).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("the configuration the node runs with shows both changes, the rest as in the test defaults")
  void configShowsTheChanges(TestNode node) {
    assertThat(node.config().getJsonObject("auth").getBoolean("readsRequireToken")).isTrue();
    assertThat(node.config().getJsonObject("gateway").getInteger("requestTimeout")).isEqualTo(REQUEST_TIMEOUT);
    assertThat(node.config().getJsonObject("http").getInteger("port")).isEqualTo(node.port());
    assertThat(node.config().getJsonObject("embedded").getString("dataDir"))
      .startsWith(TestConfig.DATA_ROOT.resolve("NodePerClassTest-").toString());
  }

  @Nested
  @DisplayName("in a nested class")
  class Inner {

    @Test
    @DisplayName("the outer class's node is handed over, not a second one")
    void sameNode(TestNode node) {
      assertThat(node).isSameAs(own);
    }
  }
}
