package io.brandstats.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How the pages' files travel: revalidated by entity tag, gzipped when the client accepts it. */
@ExtendWith(VertxExtension.class)
@DisplayName("The pages' files are revalidated on every load and sent gzipped to clients that accept it")
class PageServingTest {

  private static final List<String> TEXT_FILES = List.of("/dashboard/", "/dashboard/dashboard.js",
    "/dashboard/dashboard.css", "/dashboard/chart.umd.min.js", "/docs/", "/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css");

  private static TestGateway gateway;

  @BeforeAll
  static void deploy(Vertx vertx) {
    FakeBrandService.bind(vertx);
    gateway = TestGateway.deploy(vertx, TestGateway.config(), List.of("brand"));
  }

  private static TestGateway.Reply get(String uri, String... headerPairs) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.add(headerPairs[i], headerPairs[i + 1]);
    }
    return gateway.send(HttpMethod.GET, uri, headers, null);
  }

  private static byte[] gunzip(byte[] bytes) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  @Test
  @DisplayName("every file has a strong ETag and no-cache, and asking with that tag answers 304 without a body")
  void revalidated() {
    for (String file : TEXT_FILES) {
      TestGateway.Reply first = get(file);
      assertThat(first.status()).as(file).isEqualTo(200);
      assertThat(first.header("Cache-Control")).as(file).isEqualTo("no-cache");
      String tag = first.header("ETag");
      assertThat(tag).as(file).matches("\"[A-Za-z0-9_-]{22}\"");
      assertThat(get(file).header("ETag")).as("the same file, the same tag").isEqualTo(tag);

      TestGateway.Reply again = get(file, "If-None-Match", tag);
      assertThat(again.status()).as(file).isEqualTo(304);
      assertThat(again.body() == null ? 0 : again.body().length()).as(file).isZero();
      assertThat(again.header("ETag")).as(file).isEqualTo(tag);

      assertThat(get(file, "If-None-Match", "\"an-older-version\"").status()).as(file).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("the JavaScript, CSS and HTML go gzipped to a client accepting gzip, and as they are to one that does not")
  void gzipped() throws IOException {
    for (String file : TEXT_FILES) {
      TestGateway.Reply plain = get(file);
      TestGateway.Reply zipped = get(file, "Accept-Encoding", "gzip, deflate, br");
      assertThat(plain.header("Content-Encoding")).as(file).isNull();
      assertThat(zipped.header("Content-Encoding")).as(file).isEqualTo("gzip");
      assertThat(zipped.header("Vary")).as(file).containsIgnoringCase("Accept-Encoding");
      assertThat(zipped.header("ETag")).as("another representation, another tag").isNotEqualTo(plain.header("ETag"));
      assertThat(zipped.body().length()).as(file).isLessThan(plain.body().length());
      assertThat(gunzip(zipped.body().getBytes())).as(file).isEqualTo(plain.body().getBytes());
      assertThat(get(file, "Accept-Encoding", "gzip;q=0").header("Content-Encoding")).as(file).isNull();
    }
  }

  @Test
  @DisplayName("a large answer of the gateway is compressed when asked for; a small one is sent as it is")
  void answersCompressedOverTheThreshold() throws IOException {
    TestGateway.Reply contract = get("/openapi.yaml", "Accept-Encoding", "gzip");
    assertThat(contract.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(new String(gunzip(contract.body().getBytes()))).startsWith("openapi: 3.1.0");

    TestGateway.Reply small = get("/health/live", "Accept-Encoding", "gzip");
    assertThat(small.status()).isEqualTo(200);
    assertThat(small.header("Content-Encoding")).isNull();
  }

  @Test
  @DisplayName("the site has an icon: /favicon.ico is an image, not a 404")
  void favicon() {
    TestGateway.Reply icon = get("/favicon.ico");
    assertThat(icon.status()).isEqualTo(200);
    assertThat(icon.header("Content-Type")).isEqualTo("image/x-icon");
    assertThat(icon.body().getBytes()).startsWith(0, 0, 1, 0);
  }

  @Test
  @DisplayName("a file that no folder has is a 404, and a path climbing out of the folder is not served")
  void missingFiles() {
    assertThat(get("/dashboard/no-such-file.js").status()).isEqualTo(404);
    assertThat(get("/dashboard/../webroot/favicon.ico").status()).isIn(400, 404);
    assertThat(get("/dashboard/..%2F..%2FMETA-INF%2FMANIFEST.MF").status()).isIn(400, 404);
  }
}
