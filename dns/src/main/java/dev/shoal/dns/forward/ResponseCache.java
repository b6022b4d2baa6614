package dev.shoal.dns.forward;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Upstream answers by question, least recently used first out. Entries expire after their TTL; a
 * hit is served with every TTL lowered by the time it spent here. Used on the event loop only.
 */
final class ResponseCache {
  private final LinkedHashMap<String, Entry> entries;
  private long hits;

  ResponseCache(int maxEntries) {
    this.entries =
        new LinkedHashMap<>(Math.min(maxEntries, 1024), 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > maxEntries;
          }
        };
  }

  record Entry(UpstreamAnswer answer, long storedNanos, long expiresNanos) {}

  void put(String key, UpstreamAnswer answer, long nowNanos) {
    if (answer.cacheSeconds > 0) {
      entries.put(
          key, new Entry(answer, nowNanos, nowNanos + answer.cacheSeconds * 1_000_000_000L));
    }
  }

  Entry get(String key, long nowNanos) {
    Entry e = entries.get(key);
    if (e == null) {
      return null;
    }
    if (nowNanos - e.expiresNanos >= 0) {
      entries.remove(key);
      return null;
    }
    hits++;
    return e;
  }

  long hits() {
    return hits;
  }

  int size() {
    return entries.size();
  }
}
