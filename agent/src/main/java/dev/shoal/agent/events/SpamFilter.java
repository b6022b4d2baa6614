package dev.shoal.agent.events;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per key, as client-go's EventSourceObjectSpamFilter: a burst of {@code burst}
 * events, then one per {@code refill}. Keys are bounded (the least recently used bucket is
 * forgotten). Not thread-safe: the {@link EventCorrelator} holds it under its lock.
 */
final class SpamFilter {
  static final int DEFAULT_BURST = 25;
  static final Duration DEFAULT_REFILL = Duration.ofMinutes(5);
  private static final int MAX_KEYS = 4_096;

  private final int burst;
  private final Duration refill;
  private final Map<String, Bucket> buckets =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
          return size() > MAX_KEYS;
        }
      };

  private static final class Bucket {
    double tokens;
    Instant at;

    Bucket(double tokens, Instant at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  SpamFilter(int burst, Duration refill) {
    this.burst = burst;
    this.refill = refill;
  }

  /** True when an event of this key may go out now (and takes its token). */
  boolean tryTake(String key, Instant now) {
    Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
    if (now.isAfter(b.at)) {
      double earned = (double) Duration.between(b.at, now).toNanos() / refill.toNanos();
      b.tokens = Math.min(burst, b.tokens + earned);
      b.at = now;
    }
    if (b.tokens < 1) {
      return false;
    }
    b.tokens -= 1;
    return true;
  }
}
