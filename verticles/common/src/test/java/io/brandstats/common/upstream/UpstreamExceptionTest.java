package io.brandstats.common.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brandstats.common.Problem;
import java.net.ConnectException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What a client is told about an upstream that failed a lookup")
class UpstreamExceptionTest {

  @Test
  @DisplayName("An unreachable owner is a 503 with Retry-After that names the owner, the entity and what was not done, and nothing internal")
  void unavailableIsOne503() {
    UpstreamException failure = UpstreamException.unavailable("product", 7, 5,
      new ConnectException("Connection refused: /127.0.0.1:41234"));

    Problem problem = failure.toProblem("no sale of this request was stored");

    assertThat(problem.status()).isEqualTo(503);
    assertThat(problem.toJson().getInteger("retryAfter")).isEqualTo(5);
    assertThat(problem.toJson().getString("detail")).isEqualTo("The product service cannot be reached and product 7 "
      + "is not cached, so no sale of this request was stored. Retry the same request shortly.");
    assertThat(problem.toString()).doesNotContain("127.0.0.1", "refused");
  }

  @Test
  @DisplayName("A missing entity has no common problem: its caller says what it means, and asking anyway is refused")
  void notFoundIsTheCallersToWord() {
    UpstreamException failure = UpstreamException.notFound("brand", 3);

    assertThat(failure.kind()).isEqualTo(UpstreamException.Kind.NOT_FOUND);
    assertThatThrownBy(() -> failure.toProblem("nothing was written")).isInstanceOf(IllegalStateException.class);
  }
}
