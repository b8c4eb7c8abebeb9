package io.brandstats.stats.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brandstats.common.ProblemException;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The window of days a statistic covers")
class WindowTest {

  private static final LocalDate TODAY = LocalDate.of(2025, 6, 15);

  private static JsonObject query(String from, String to) {
    return new JsonObject().put("from", from).put("to", to);
  }

  @Test
  @DisplayName("from and to are both included; the previous window has as many days and ends the day before from")
  void explicitWindowAndPrevious() {
    Window window = Window.from(query("2025-02-25", "2025-03-03"), TODAY);

    assertThat(window.days()).isEqualTo(7);
    assertThat(window.previous()).isEqualTo(new Window(LocalDate.of(2025, 2, 18), LocalDate.of(2025, 2, 24)));
    assertThat(window.compared(Compare.PREVIOUS)).isEqualTo(window.previous());
    assertThat(window.toJson()).isEqualTo(new JsonObject().put("from", "2025-02-25").put("to", "2025-03-03"));
  }

  @Test
  @DisplayName("compare=year is the same dates a year earlier; 29 February becomes 28 February")
  void yearBefore() {
    assertThat(Window.from(query("2024-02-29", "2024-03-01"), TODAY).compared(Compare.YEAR))
      .isEqualTo(new Window(LocalDate.of(2023, 2, 28), LocalDate.of(2023, 3, 1)));
    assertThat(Window.from(query("2025-02-28", "2025-03-01"), TODAY).compared(Compare.YEAR))
      .isEqualTo(new Window(LocalDate.of(2024, 2, 28), LocalDate.of(2024, 3, 1)));
  }

  @Test
  @DisplayName("Without from and to it is the last 30 days of the reporting zone, today included; with to alone the 30 days ending then")
  void defaults() {
    Window recent = Window.from(new JsonObject(), TODAY);

    assertThat(recent.to()).isEqualTo(TODAY);
    assertThat(recent.days()).isEqualTo(Window.DEFAULT_DAYS);
    assertThat(Window.from(new JsonObject().put("to", "2025-01-30"), TODAY).from()).isEqualTo(LocalDate.of(2025, 1, 1));
  }

  @Test
  @DisplayName("from after to, or from more than 3 years before to, is a 400 naming from")
  void refusedWindows() {
    assertThat(Window.from(query("2022-01-07", "2025-01-07"), TODAY).from()).isEqualTo(LocalDate.of(2022, 1, 7));
    for (JsonObject refused : new JsonObject[] {query("2025-01-02", "2025-01-01"), query("2022-01-06", "2025-01-07")}) {
      assertThatThrownBy(() -> Window.from(refused, TODAY)).isInstanceOfSatisfying(ProblemException.class, e -> {
        assertThat(e.problem().status()).isEqualTo(400);
        assertThat(e.problem().toJson().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("from");
      });
    }
  }
}
