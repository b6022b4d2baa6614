package dev.shoal.agent.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller: {@code perSecond} requests a second on average, bursts of {@code
 * burst}. One busy client gets 429s; the others are not slowed down.
 */
public final class RequestRateLimiter {

  private final double perSecond;
  private final double burst;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RequestRateLimiter(double perSecond, double burst, LongSupplier nanoClock) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoClock = nanoClock;
  }

  /** Takes one request from the caller's bucket; false when it is empty. */
  public boolean tryAcquire(String caller) {
    return buckets
        .computeIfAbsent(caller, ignored -> new Bucket(burst, nanoClock.getAsLong()))
        .take(perSecond, burst, nanoClock.getAsLong());
  }

  /** Seconds until the caller may try again (at least 1, as Retry-After wants whole seconds). */
  public long retryAfterSeconds() {
    return Math.max(1, (long) Math.ceil(1 / perSecond));
  }

  private static final class Bucket {
    private double tokens;
    private long lastNanos;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.lastNanos = now;
    }

    synchronized boolean take(double perSecond, double burst, long now) {
      tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * perSecond);
      lastNanos = now;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }
}
