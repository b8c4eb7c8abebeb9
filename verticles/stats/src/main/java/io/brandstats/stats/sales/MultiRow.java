package io.brandstats.stats.sales;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Multi-row prepared statements: one statement carries many rows' parameters, so a batch of 1000 sales
 * costs a handful of round trips instead of one per sale. A list of rows is cut into chunks whose sizes
 * are powers of two (at most {@link #MAX_ROWS}), so each statement has only {@value #SIZES} shapes and
 * each shape is prepared once per connection and then reused.
 */
public final class MultiRow {

  /** Most rows in one statement: 256 sales x 10 parameters stays far below the protocol's 65,535. */
  static final int MAX_ROWS = 256;
  /** Statement shapes per statement: 1, 2, 4, ..., 256 rows. */
  static final int SIZES = 9;

  private MultiRow() {
  }

  /** The chunks (start index, length) of n rows, largest first, each length a power of two up to MAX_ROWS. */
  static List<int[]> chunks(int n) {
    List<int[]> chunks = new ArrayList<>();
    int start = 0;
    while (start < n) {
      int length = Math.min(MAX_ROWS, Integer.highestOneBit(n - start));
      chunks.add(new int[] {start, length});
      start += length;
    }
    return chunks;
  }

  /** The statement for every shape, built once: index log2(rows). */
  public static String[] shapes(IntFunction<String> statementFor) {
    String[] shapes = new String[SIZES];
    for (int i = 0; i < SIZES; i++) {
      shapes[i] = statementFor.apply(1 << i);
    }
    return shapes;
  }

  /** The shape for a chunk of this many rows (a power of two up to MAX_ROWS). */
  static String shape(String[] shapes, int rows) {
    return shapes[Integer.numberOfTrailingZeros(rows)];
  }

  /**
   * Runs a statement over every row, one multi-row statement per chunk, all sent at once (the
   * connection pipelines them and the server runs them in order); the results in chunk order.
   */
  public static Future<List<RowSet<Row>>> execute(SqlConnection conn, String[] shapes, List<Tuple> rows) {
    List<Future<RowSet<Row>>> results = new ArrayList<>();
    for (int[] chunk : chunks(rows.size())) {
      Tuple params = Tuple.tuple();
      for (Tuple row : rows.subList(chunk[0], chunk[0] + chunk[1])) {
        for (int i = 0; i < row.size(); i++) {
          params.addValue(row.getValue(i));
        }
      }
      results.add(conn.preparedQuery(shape(shapes, chunk[1])).execute(params));
    }
    return Future.all(results).map(all -> all.list());
  }

  /** "(?, ?, ?), (?, ?, ?)": rows groups of columns placeholders. */
  public static String placeholders(int rows, int columns) {
    String group = "(" + "?, ".repeat(columns - 1) + "?)";
    StringBuilder sql = new StringBuilder(rows * (group.length() + 2));
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ", ").append(group);
    }
    return sql.toString();
  }
}
