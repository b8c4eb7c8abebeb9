package io.brandstats.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** One read of GET /metrics: Prometheus text, looked up by family name and labels. */
final class Scrape {

  private final List<String> samples = new ArrayList<>();

  private Scrape(String text) {
    text.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(samples::add);
  }

  static Scrape of(Api api) {
    Api.Reply reply = api.get("/metrics");
    assertThat(reply.status()).as(reply.bodyText()).isEqualTo(200);
    return new Scrape(reply.bodyText());
  }

  /** The sum of the family's samples carrying all these labels ("name", "value", ...); 0 when none does. */
  double value(String family, String... labels) {
    double sum = 0;
    for (String sample : matching(family, labels)) {
      sum += Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
    }
    return sum;
  }

  /** Whether any sample of the family carries all these labels. */
  boolean has(String family, String... labels) {
    return !matching(family, labels).isEmpty();
  }

  List<String> samplesOf(String family) {
    return matching(family);
  }

  private List<String> matching(String family, String... labels) {
    List<String> found = new ArrayList<>();
    for (String sample : samples) {
      if (!sample.startsWith(family + "{") && !sample.startsWith(family + " ")) {
        continue;
      }
      boolean all = true;
      for (int i = 0; i < labels.length; i += 2) {
        all &= sample.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
      }
      if (all) {
        found.add(sample);
      }
    }
    return found;
  }
}
