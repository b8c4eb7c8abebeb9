package io.brandstats.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's example ("Testing against Brandstats"), kept here so that it compiles and passes. */
@ExtendWith(BrandstatsExtension.class)                  // one node, shared by every class of the run
class ExampleTest {

  @Test
  void createsABrand(TestNode brandstats) throws Exception {
    HttpRequest create = HttpRequest.newBuilder(URI.create(brandstats.baseUrl() + "/brands"))
      .header("Authorization", "Bearer " + brandstats.writerToken())
      .header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Northwind Outdoor\",\"country\":\"DE\"}")).build();
    HttpResponse<String> created = HttpClient.newHttpClient().send(create, HttpResponse.BodyHandlers.ofString());
    assertEquals(201, created.statusCode(), created.body());
  }
}
