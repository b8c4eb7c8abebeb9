package io.brandstats.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("If-Match is read as RFC 9110 defines it")
class ETagsTest {

  @Test
  @DisplayName("absent, blank or * holds for any version")
  void anyVersion() {
    for (String header : new String[] {null, "", "  ", "*", " * "}) {
      ETags.IfMatch ifMatch = ETags.ifMatch(header);
      assertThat(ifMatch.any()).as(header).isTrue();
      assertThat(ifMatch.matches(1)).isTrue();
      assertThat(ifMatch.sqlVersions()).isNull();
    }
  }

  @Test
  @DisplayName("any listed strong tag may match, in any place of the list")
  void anyListedTag() {
    ETags.IfMatch ifMatch = ETags.ifMatch("\"1\", \"5\"");
    assertThat(ifMatch.matches(5)).isTrue();
    assertThat(ifMatch.matches(1)).isTrue();
    assertThat(ifMatch.matches(2)).isFalse();
    assertThat(ifMatch.sqlVersions()).isEqualTo("1,5");
    assertThat(ETags.ifMatch("\"3\",\t\"9\" ,,\"12\"").sqlVersions()).isEqualTo("3,9,12");
  }

  @Test
  @DisplayName("the comparison is strong: weak tags never match, even the current version")
  void weakTagsNeverMatch() {
    assertThat(ETags.ifMatch("W/\"5\"").matches(5)).isFalse();
    assertThat(ETags.ifMatch("W/\"5\", \"7\"").matches(5)).isFalse();
    assertThat(ETags.ifMatch("W/\"5\", \"7\"").matches(7)).isTrue();
  }

  @Test
  @DisplayName("tags never issued, and values that are no list of tags, match nothing (the guarded write is not made)")
  void nothingElseMatches() {
    for (String header : new String[] {"\"abc\"", "\"5,6\"", "5", "\"5", "*, \"5\"", "w/\"5\"", "\"99999999999999999999\"",
      "\"\"", "\"-5\""}) {
      ETags.IfMatch ifMatch = ETags.ifMatch(header);
      assertThat(ifMatch.any()).as(header).isFalse();
      assertThat(ifMatch.matches(5)).as(header).isFalse();
      assertThat(ifMatch.matches(6)).as(header).isFalse();
      assertThat(ifMatch.sqlVersions()).as(header).isEmpty();
    }
  }
}
