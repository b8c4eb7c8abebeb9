package io.brandstats.gateway.vertxopenapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Schema value rules compare and measure as vertx-json-schema does")
class SchemaRulesTest {

  @Test
  @DisplayName("doubles compare with < and > (-0.0 equals 0), BigDecimals exactly")
  void compare() {
    assertThat(SchemaRules.compare(-0.0d, 0)).isZero();
    assertThat(SchemaRules.compare(0.5d, 0)).isPositive();
    assertThat(SchemaRules.compare(-0.5d, 0L)).isNegative();
    assertThat(SchemaRules.compare(new BigDecimal("9999999999.995"), 9999999999.99d)).isPositive();
    assertThat(SchemaRules.compare(new BigDecimal("9999999999.99"), 9999999999.99d)).isZero();
  }

  @Test
  @DisplayName("a surrogate pair counts as one character; 2.0 is no integer, 2 is")
  void lengthAndIntegers() {
    assertThat(SchemaRules.length("a\uD83D\uDE00b")).isEqualTo(3);
    assertThat(SchemaRules.isInteger(new BigDecimal("2.0"))).isFalse();
    assertThat(SchemaRules.isInteger(2L)).isTrue();
  }
}
