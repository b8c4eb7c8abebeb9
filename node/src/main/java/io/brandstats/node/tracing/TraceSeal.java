package io.brandstats.node.tracing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Marks the trace context Brandstats' own calls carry, so a gateway told not to continue clients' traces
 * ({@code tracing.continueClientTraces: false}) still continues those of its services: an HMAC of the
 * {@code traceparent} header, keyed from the node's signing secret (which every node of a cluster shares),
 * sent beside it. A client cannot make one for a traceparent of its choosing.
 */
final class TraceSeal {

  static final String HEADER = "brandstats-trace-seal";

  private static final String HMAC = "HmacSHA256";
  /** 128 bits of the MAC, base64url: enough against guessing, short on the wire. */
  private static final int SEAL_CHARS = 22;
  /** The key is derived for this purpose alone, never the token key itself. */
  private static final byte[] PURPOSE = "brandstats trace seal v1".getBytes(StandardCharsets.US_ASCII);

  private final SecretKeySpec key;
  /** A Mac is not thread-safe and costly to look up: one per event-loop thread. */
  private final ThreadLocal<Mac> macs;

  TraceSeal(String signingSecret) {
    SecretKeySpec parent = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), HMAC);
    this.key = new SecretKeySpec(newMac(parent).doFinal(PURPOSE), HMAC);
    this.macs = ThreadLocal.withInitial(() -> newMac(key));
  }

  String of(String traceparent) {
    byte[] mac = macs.get().doFinal(traceparent.getBytes(StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac).substring(0, SEAL_CHARS);
  }

  boolean verifies(String traceparent, String seal) {
    return seal != null && MessageDigest.isEqual(of(traceparent).getBytes(StandardCharsets.US_ASCII),
      seal.getBytes(StandardCharsets.US_ASCII));
  }

  private static Mac newMac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
