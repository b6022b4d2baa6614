package dev.shoal.overlay.ipam;

import java.util.OptionalInt;

/**
 * Dotted-quad IPv4 text to and from its 32-bit value (held in an {@code int}, compared unsigned).
 */
public final class Ipv4 {

  private Ipv4() {}

  /** Parses strict dotted-quad text ("10.0.0.1"): four decimal octets 0-255, no leading zeros. */
  public static OptionalInt parse(String text) {
    if (text == null) {
      return OptionalInt.empty();
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return OptionalInt.empty();
    }
    int value = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
        return OptionalInt.empty();
      }
      int octet = 0;
      for (int i = 0; i < part.length(); i++) {
        char c = part.charAt(i);
        if (c < '0' || c > '9') {
          return OptionalInt.empty();
        }
        octet = octet * 10 + (c - '0');
      }
      if (octet > 255) {
        return OptionalInt.empty();
      }
      value = (value << 8) | octet;
    }
    return OptionalInt.of(value);
  }

  /** Parses text that the caller knows is valid (constants, values this package produced). */
  public static int of(String text) {
    return parse(text)
        .orElseThrow(() -> new IllegalArgumentException("not an IPv4 address: " + text));
  }

  public static String format(int address) {
    return ((address >>> 24) & 0xff)
        + "."
        + ((address >>> 16) & 0xff)
        + "."
        + ((address >>> 8) & 0xff)
        + "."
        + (address & 0xff);
  }

  public static long unsigned(int address) {
    return Integer.toUnsignedLong(address);
  }
}
