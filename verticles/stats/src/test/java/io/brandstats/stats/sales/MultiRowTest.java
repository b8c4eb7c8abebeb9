package io.brandstats.stats.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.Pools;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Multi-row statements")
class MultiRowTest {

  @Test
  @DisplayName("Any number of rows is cut into consecutive chunks, largest first, each a power of two of at most 256 rows")
  void chunks() {
    for (int n : new int[] {0, 1, 2, 3, 255, 256, 257, 1000, 1025}) {
      List<int[]> chunks = MultiRow.chunks(n);

      int next = 0;
      int previousLength = Integer.MAX_VALUE;
      for (int[] chunk : chunks) {
        assertThat(chunk[0]).as("chunks of %d start where the last ended", n).isEqualTo(next);
        assertThat(Integer.bitCount(chunk[1])).as("a power of two").isEqualTo(1);
        assertThat(chunk[1]).isLessThanOrEqualTo(MultiRow.MAX_ROWS).isLessThanOrEqualTo(previousLength);
        next += chunk[1];
        previousLength = chunk[1];
      }
      assertThat(next).as("rows covered of %d", n).isEqualTo(n);
    }
    assertThat(MultiRow.chunks(1000)).extracting(chunk -> chunk[1]).containsExactly(256, 256, 256, 128, 64, 32, 8);
  }

  @Test
  @DisplayName("Every shape a chunk can take is prepared once, with as many groups of placeholders as rows")
  void shapes() {
    String[] shapes = MultiRow.shapes(rows -> "VALUES " + MultiRow.placeholders(rows, 2));

    assertThat(shapes).hasSize(MultiRow.SIZES);
    assertThat(MultiRow.shape(shapes, 1)).isEqualTo("VALUES (?, ?)");
    assertThat(MultiRow.shape(shapes, 4)).isEqualTo("VALUES (?, ?), (?, ?), (?, ?), (?, ?)");
    assertThat(MultiRow.shape(shapes, 256).split("\\(", -1)).hasSize(257);
  }

  @Test
  @DisplayName("Every shape of the sale statements is short enough for the pools' prepared-statement cache")
  void shapesStayPrepared() {
    for (String[] statement : List.of(SaleSql.INSERT, SaleSql.BY_EVENTS)) {
      for (String shape : statement) {
        assertThat(shape.length()).as(shape.substring(0, 30)).isLessThanOrEqualTo(Pools.PREPARED_SQL_LIMIT);
      }
    }
  }
}
