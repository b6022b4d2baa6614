package dev.shoal.agent.runtime.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A minimal ustar writer for small in-memory Docker build contexts (regular files only). */
final class TarArchive {
  private record Entry(byte[] content, int mode) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  TarArchive add(String name, byte[] content, int mode) {
    if (name.getBytes(StandardCharsets.US_ASCII).length > 99) {
      throw new IllegalArgumentException("tar entry name too long: " + name);
    }
    entries.put(name, new Entry(content, mode));
    return this;
  }

  TarArchive add(String name, String content) {
    return add(name, content.getBytes(StandardCharsets.UTF_8), 0644);
  }

  byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    entries.forEach(
        (name, e) -> {
          out.writeBytes(header(name, e));
          out.writeBytes(e.content);
          out.writeBytes(new byte[(512 - e.content.length % 512) % 512]);
        });
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static byte[] header(String name, Entry e) {
    byte[] h = new byte[512];
    put(h, 0, name);
    put(h, 100, octal(e.mode, 7));
    put(h, 108, octal(0, 7));
    put(h, 116, octal(0, 7));
    put(h, 124, octal(e.content.length, 11));
    put(h, 136, octal(0, 11));
    h[156] = '0';
    put(h, 257, "ustar");
    put(h, 263, "00");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte x : h) {
      sum += x & 0xff;
    }
    put(h, 148, octal(sum, 6));
    h[154] = 0;
    h[155] = ' ';
    return h;
  }

  private static String octal(long value, int digits) {
    String s = Long.toOctalString(value);
    return "0".repeat(Math.max(0, digits - s.length())) + s;
  }

  private static void put(byte[] h, int at, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, at, b.length);
  }
}
