package io.brandstats.stats.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brandstats.common.ProblemException;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The window of days a statistic covers")
class WindowTest {

  private static JsonObject query(String from, String to) {
    return new JsonObject().put("from", from).put("to", to);
  }

  @Test
  @DisplayName("from and to are both included; the previous window has as many days and ends the day before from")
  void explicitWindowAndPrevious() {
    Window window = Window.from(query("2025-02-25", "2025-03-03"));

    assertThat(window.days()).isEqualTo(7);
    assertThat(window.previous()).isEqualTo(new Window(LocalDate.of(2025, 2, 18), LocalDate.of(2025, 2, 24)));
    assertThat(window.toJson()).isEqualTo(new JsonObject().put("from", "2025-02-25").put("to", "2025-03-03"));
  }

  @Test
  @DisplayName("Without from and to it is the last 30 UTC days, today included; with to alone the 30 days ending then")
  void defaults() {
    LocalDate before = LocalDate.now(ZoneOffset.UTC);
    Window recent = Window.from(new JsonObject());
    LocalDate after = LocalDate.now(ZoneOffset.UTC);

    assertThat(recent.to()).isBetween(before, after);
    assertThat(recent.days()).isEqualTo(Window.DEFAULT_DAYS);
    assertThat(Window.from(new JsonObject().put("to", "2025-01-30")).from()).isEqualTo(LocalDate.of(2025, 1, 1));
  }

  @Test
  @DisplayName("from after to, or a window of more than 3660 days, is a 400 naming from")
  void refusedWindows() {
    assertThat(Window.from(query("2015-01-01", "2025-01-07")).days()).isEqualTo(Window.MAX_DAYS);
    for (JsonObject refused : new JsonObject[] {query("2025-01-02", "2025-01-01"), query("2015-01-01", "2025-01-08")}) {
      assertThatThrownBy(() -> Window.from(refused)).isInstanceOfSatisfying(ProblemException.class, e -> {
        assertThat(e.problem().status()).isEqualTo(400);
        assertThat(e.problem().toJson().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("from");
      });
    }
  }
}
