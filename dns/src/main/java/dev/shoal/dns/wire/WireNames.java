package dev.shoal.dns.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Domain names and addresses in the forms DNS needs: wire labels, reverse names, dashed pod names.
 */
public final class WireNames {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private WireNames() {}

  /**
   * Encodes a presentation name ("a.b.c", trailing dot optional) as uncompressed lower-case labels.
   */
  public static byte[] encode(String presentation) {
    String n = presentation.toLowerCase(Locale.ROOT);
    if (n.endsWith(".")) {
      n = n.substring(0, n.length() - 1);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(n.length() + 2);
    if (!n.isEmpty()) {
      for (String label : n.split("\\.", -1)) {
        byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length == 0 || bytes.length > 63) {
          throw new IllegalArgumentException("bad label in " + presentation);
        }
        out.write(bytes.length);
        out.write(bytes, 0, bytes.length);
      }
    }
    out.write(0);
    if (out.size() > 255) {
      throw new IllegalArgumentException("name too long: " + presentation);
    }
    return out.toByteArray();
  }

  /** The in-addr.arpa or ip6.arpa name (no trailing dot) of a 4- or 16-byte address. */
  public static String reverseName(byte[] address) {
    StringBuilder sb = new StringBuilder(72);
    if (address.length == 4) {
      for (int i = 3; i >= 0; i--) {
        sb.append(address[i] & 0xff).append('.');
      }
      return sb.append("in-addr.arpa").toString();
    }
    for (int i = address.length - 1; i >= 0; i--) {
      sb.append(HEX[address[i] & 0xf]).append('.').append(HEX[(address[i] >> 4) & 0xf]).append('.');
    }
    return sb.append("ip6.arpa").toString();
  }

  /**
   * "10.1.2.3" becomes "10-1-2-3"; IPv6 colons become dashes, as Kubernetes pod and endpoint names
   * do.
   */
  public static String dashed(String ip) {
    return ip.toLowerCase(Locale.ROOT).replace('.', '-').replace(':', '-');
  }
}
