package io.brandstats.gateway.pages;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One file of a page, read from the classpath: its bytes, its type, its entity tags (a hash of the bytes, so
 * the tag changes exactly when the file does) and, for text, the same bytes gzipped.
 *
 * @param gzipped null when the file is not text (images are compressed already)
 */
record PageAsset(Buffer bytes, String contentType, String tag, Buffer gzipped, String gzipTag) {

  private static final Map<String, String> TYPES = Map.ofEntries(
    Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
    Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
    Map.entry("json", "application/json"), Map.entry("map", "application/json"),
    Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"),
    Map.entry("txt", "text/plain; charset=utf-8"));
  private static final String OTHER = "application/octet-stream";

  /** The file from the first folder that has it; null when none does. Blocking: call it off the event loop. */
  static PageAsset read(List<String> folders, String name) {
    ClassLoader loader = PageAsset.class.getClassLoader();
    for (String folder : folders) {
      try (InputStream in = loader.getResourceAsStream(folder + "/" + name)) {
        if (in != null) {
          return of(name, in.readAllBytes());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + folder + "/" + name, e);
      }
    }
    return null;
  }

  static PageAsset of(String name, byte[] bytes) {
    String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase();
    String type = TYPES.getOrDefault(ext, OTHER);
    String hash = hash(bytes);
    boolean text = type.startsWith("text/") || type.startsWith("application/json") || type.equals("image/svg+xml");
    return new PageAsset(Buffer.buffer(bytes), type, '"' + hash + '"',
      text ? Buffer.buffer(gzip(bytes)) : null, '"' + hash + "-gz\"");
  }

  private static String hash(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
    try (GZIPOutputStream zip = new GZIPOutputStream(out) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION); // once per file per node, so the smallest transfer is worth it
      }
    }) {
      zip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
