package dev.shoal.agent.metrics;

import java.nio.ByteBuffer;

/**
 * Numbers out of kernel statistics text without making strings: a file that is one number ({@code
 * cpuacct.usage}, {@code memory.current}), a {@code key value} line ({@code memory.stat}, {@code
 * cpu.stat}, {@code /proc/meminfo} with its {@code kB}), or the fields of a line ({@code
 * /proc/stat}'s {@code cpu} line).
 */
final class StatText {

  private StatText() {}

  /** The first number in the text, e.g. of {@code "1234\n"}; -1 when there is none. */
  static long firstNumber(ByteBuffer text) {
    return numberAt(text, text.position());
  }

  /**
   * The number after {@code key} at the start of a line, where the key is followed by a space, a
   * tab or a colon; -1 when no line has that key.
   */
  static long valueOf(ByteBuffer text, String key) {
    int end = text.limit();
    int lineStart = text.position();
    while (lineStart < end) {
      if (startsWith(text, lineStart, key) && lineStart + key.length() < end) {
        byte after = text.get(lineStart + key.length());
        if (after == ' ' || after == '\t' || after == ':') {
          return numberAt(text, lineStart + key.length());
        }
      }
      int next = lineStart;
      while (next < end && text.get(next) != '\n') {
        next++;
      }
      lineStart = next + 1;
    }
    return -1;
  }

  /**
   * The numbers on the line that starts with {@code key} (and a space), up to {@code into.length};
   * returns how many were read, 0 when no line has that key.
   */
  static int fieldsOf(ByteBuffer text, String key, long[] into) {
    int end = text.limit();
    int lineStart = text.position();
    while (lineStart < end) {
      if (startsWith(text, lineStart, key)
          && lineStart + key.length() < end
          && text.get(lineStart + key.length()) == ' ') {
        int i = lineStart + key.length();
        int count = 0;
        while (count < into.length && i < end && text.get(i) != '\n') {
          while (i < end && text.get(i) == ' ') {
            i++;
          }
          if (i >= end || text.get(i) < '0' || text.get(i) > '9') {
            break;
          }
          long value = 0;
          while (i < end && text.get(i) >= '0' && text.get(i) <= '9') {
            value = value * 10 + (text.get(i) - '0');
            i++;
          }
          into[count++] = value;
        }
        return count;
      }
      int next = lineStart;
      while (next < end && text.get(next) != '\n') {
        next++;
      }
      lineStart = next + 1;
    }
    return 0;
  }

  private static boolean startsWith(ByteBuffer text, int at, String key) {
    if (at + key.length() > text.limit()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      if (text.get(at + i) != key.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The number that starts after any spaces, tabs or colons from {@code at}; -1 if none. */
  private static long numberAt(ByteBuffer text, int at) {
    int i = at;
    int end = text.limit();
    while (i < end && (text.get(i) == ' ' || text.get(i) == '\t' || text.get(i) == ':')) {
      i++;
    }
    if (i >= end || text.get(i) < '0' || text.get(i) > '9') {
      return -1;
    }
    long value = 0;
    while (i < end && text.get(i) >= '0' && text.get(i) <= '9') {
      value = value * 10 + (text.get(i) - '0');
      i++;
    }
    return value;
  }
}
