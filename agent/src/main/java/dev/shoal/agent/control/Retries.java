package dev.shoal.agent.control;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One {@link Retry} per key (a work queue's keys, the scheduler's pods), dropped on success. One
 * context only.
 */
public final class Retries<K> {

  private final Backoff backoff;
  private final Map<K, Retry> byKey = new HashMap<>();

  public Retries(Backoff backoff) {
    this.backoff = backoff;
  }

  /** Counts a failure of {@code key}; returns how long it waits before its next try. */
  public Duration failed(K key) {
    return byKey.computeIfAbsent(key, k -> new Retry(backoff)).failed();
  }

  /** Forgets {@code key}'s failures (it succeeded, or it is gone). */
  public void succeeded(K key) {
    byKey.remove(key);
  }

  /** Failures of {@code key} since its last success. */
  public int failures(K key) {
    Retry retry = byKey.get(key);
    return retry == null ? 0 : retry.failures();
  }
}
