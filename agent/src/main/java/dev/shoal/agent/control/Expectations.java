package dev.shoal.agent.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a controller is waiting to see, per owner key, as Kubernetes' ControllerExpectations: after
 * creating N dependents it expects N ADDED events (after deleting, N DELETED events) and does not
 * act on the owner again until they have come back through the watch or {@code timeout} has passed.
 */
public final class Expectations<K> {

  private final Clock clock;
  private final Duration timeout;
  private final Map<K, Pending> pending = new ConcurrentHashMap<>();

  public Expectations(Clock clock, Duration timeout) {
    this.clock = clock;
    this.timeout = timeout;
  }

  public Expectations() {
    this(Clock.systemUTC(), Duration.ofMinutes(1));
  }

  /** Replaces what is expected for {@code key}. */
  public void expect(K key, int creations, int deletions) {
    pending.put(key, new Pending(creations, deletions, clock.instant()));
  }

  public void creationObserved(K key) {
    pending.computeIfPresent(key, (k, p) -> p.lower(1, 0));
  }

  public void deletionObserved(K key) {
    pending.computeIfPresent(key, (k, p) -> p.lower(0, 1));
  }

  /** True when nothing is outstanding for {@code key}, or the wait timed out. */
  public boolean satisfied(K key) {
    Pending p = pending.get(key);
    if (p == null) {
      return true;
    }
    if (p.creations <= 0 && p.deletions <= 0) {
      return true;
    }
    return Duration.between(p.since, clock.instant()).compareTo(timeout) > 0;
  }

  public void forget(K key) {
    pending.remove(key);
  }

  private record Pending(int creations, int deletions, Instant since) {
    Pending lower(int created, int deleted) {
      return new Pending(creations - created, deletions - deleted, since);
    }
  }
}
