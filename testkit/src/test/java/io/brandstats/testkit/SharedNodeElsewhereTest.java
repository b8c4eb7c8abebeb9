package io.brandstats.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BrandstatsExtension.class)
@DisplayName("The shared node, asked for by a second class of the same run")
class SharedNodeElsewhereTest {

  @Test
  @DisplayName("is the node the first class was given, not a second one (whichever class runs first)")
  void oneNodePerRun(TestNode node) throws Exception {
    SharedNodeTest.PORTS_SEEN.add(node.port());
    assertThat(SharedNodeTest.PORTS_SEEN).containsExactly(node.port());
    assertThat(Http.get(node.baseUrl() + "/health/live", null).statusCode()).isEqualTo(200);
  }
}
