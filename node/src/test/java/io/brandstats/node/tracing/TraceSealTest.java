package io.brandstats.node.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The seal on the trace context a node's own calls carry")
class TraceSealTest {

  private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private final TraceSeal seal = new TraceSeal("cluster-secret-0123456789-0123456789");

  @Test
  @DisplayName("a node with the same secret accepts it; 22 characters, safe in a header")
  void sameSecretAccepts() {
    String sealed = seal.of(TRACEPARENT);
    assertThat(sealed).hasSize(22).matches("[A-Za-z0-9_-]+");
    assertThat(new TraceSeal("cluster-secret-0123456789-0123456789").verifies(TRACEPARENT, sealed)).isTrue();
  }

  @Test
  @DisplayName("refused: another traceparent, another secret, a missing or made-up seal")
  void othersRefused() {
    String sealed = seal.of(TRACEPARENT);
    assertThat(seal.verifies("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b8-01", sealed)).isFalse();
    assertThat(new TraceSeal("another-secret-0123456789-0123456789").verifies(TRACEPARENT, sealed)).isFalse();
    assertThat(seal.verifies(TRACEPARENT, null)).isFalse();
    assertThat(seal.verifies(TRACEPARENT, "AAAAAAAAAAAAAAAAAAAAAA")).isFalse();
  }
}
