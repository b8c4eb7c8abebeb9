package io.brandstats.gateway.pages;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the files of a page from classpath folders (its own first, then a library's), revalidated rather than
 * cached blind: every answer has a strong {@code ETag} (a hash of its bytes) and {@code Cache-Control: no-cache},
 * so a browser asks again on each load and gets a bodiless 304 while the file is unchanged, and the new file the
 * moment a node is upgraded. Text files are kept gzipped too and sent so to a client that accepts gzip.
 *
 * <p>Each file is read once, off the event loop, on its first request, then answered from memory.
 */
public final class PageAssets implements Handler<RoutingContext> {

  private static final String NO_CACHE = "no-cache";

  private final Vertx vertx;
  private final String mount;
  private final List<String> folders;
  private final Map<String, Future<PageAsset>> loaded = new ConcurrentHashMap<>();

  /**
   * @param mount   the path the files are served under, e.g. /dashboard
   * @param folders classpath folders searched in order
   */
  public PageAssets(Vertx vertx, String mount, List<String> folders) {
    this.vertx = vertx;
    this.mount = mount;
    this.folders = folders;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    String name = fileName(ctx.normalizedPath());
    if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || name == null) {
      ctx.next();
      return;
    }
    loaded.computeIfAbsent(name, n -> vertx.executeBlocking(() -> PageAsset.read(folders, n), false))
      .onSuccess(asset -> {
        if (asset == null) {
          ctx.next();
        } else {
          send(ctx, asset);
        }
      })
      .onFailure(ctx::fail);
  }

  /** The file asked for below the mount; the index page for the folder itself; null for anything unsafe. */
  private String fileName(String path) {
    if (!path.startsWith(mount + "/")) {
      return null;
    }
    String name = path.substring(mount.length() + 1);
    if (name.isEmpty()) {
      return "index.html";
    }
    return name.contains("..") || name.contains("//") || name.startsWith("/") || name.endsWith("/") ? null : name;
  }

  private static void send(RoutingContext ctx, PageAsset asset) {
    boolean gzip = asset.gzipped() != null && acceptsGzip(ctx.request().headers().get(HttpHeaders.ACCEPT_ENCODING));
    String etag = gzip ? asset.gzipTag() : asset.tag();
    HttpServerResponse response = ctx.response();
    MultiMap headers = response.headers();
    headers.set(HttpHeaders.ETAG, etag).set(HttpHeaders.CACHE_CONTROL, NO_CACHE);
    if (asset.gzipped() != null) {
      headers.set(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
    }
    if (EntityTags.matches(ctx.request().headers().get(HttpHeaders.IF_NONE_MATCH), asset.tag(), asset.gzipTag())) {
      response.setStatusCode(304).end();
      return;
    }
    headers.set(HttpHeaders.CONTENT_TYPE, asset.contentType());
    if (gzip) {
      headers.set(HttpHeaders.CONTENT_ENCODING, "gzip"); // compressed once, here: the server's compression passes it on
    }
    response.end(gzip ? asset.gzipped() : asset.bytes());
  }

  /** Whether Accept-Encoding admits gzip (RFC 9110: a coding with q=0 is refused). */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String[] coding = part.trim().split(";");
      String name = coding[0].trim().toLowerCase();
      if (name.equals("gzip") || name.equals("x-gzip") || name.equals("*")) {
        for (int i = 1; i < coding.length; i++) {
          String param = coding[i].trim().replace(" ", "");
          if (param.matches("q=0(\\.0{0,3})?")) {
            return false;
          }
        }
        return true;
      }
    }
    return false;
  }
}
