package io.brandstats.launcher;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real client of GET /stats/live: an HTTP request whose body is read line by line on a thread of its own, each
 * Server-Sent Event (and each comment) queued with the time it arrived, for a test to wait on with a bound.
 */
final class EventStream implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One event: its id, name and data (JSON), and when it was read (System.nanoTime). */
  record Event(long id, String name, JsonObject data, long arrivedNanos) {

    JsonObject today() {
      return data.getJsonObject("today");
    }
  }

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
  private final Thread reader;
  private final CountDownLatch ended = new CountDownLatch(1);

  private EventStream(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = new Thread(this::read, "event-stream-reader");
    reader.setDaemon(true);
    if (response.statusCode() == 200) {
      reader.start();
    }
  }

  /**
   * Opens a stream.
   *
   * @param query       the query string without '?', may be empty
   * @param lastEventId sent as Last-Event-ID; null: none
   */
  static EventStream open(String baseUrl, String query, String lastEventId) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/stats/live" + (query.isEmpty() ? "" : "?" + query)))
      .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(15)).GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    return new EventStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
  }

  int status() {
    return response.statusCode();
  }

  String header(String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  /** The body of a refused request (read whole: it is a short problem). */
  String body() throws IOException {
    try (InputStream in = response.body()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The next event, waiting at most {@code timeout}; null when none came. */
  Event next(Duration timeout) throws InterruptedException {
    return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next comment line (without its colon), waiting at most {@code timeout}; null when none came. */
  String nextComment(Duration timeout) throws InterruptedException {
    return comments.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void read() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      long id = -1;
      String name = null;
      StringBuilder data = new StringBuilder();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            events.add(new Event(id, name, new JsonObject(data.toString()), System.nanoTime()));
          }
          name = null;
          data.setLength(0);
        } else if (line.startsWith(":")) {
          comments.add(line.substring(1).trim());
        } else if (line.startsWith("id: ")) {
          id = Long.parseLong(line.substring(4));
        } else if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
    } catch (IOException closed) {
      // the stream was closed, by the test or the node
    } finally {
      ended.countDown();
    }
  }

  /** Whether the node ended the stream within {@code timeout}. */
  boolean endedWithin(Duration timeout) throws InterruptedException {
    return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws IOException {
    response.body().close();
  }
}
