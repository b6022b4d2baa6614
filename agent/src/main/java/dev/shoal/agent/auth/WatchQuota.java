package dev.shoal.agent.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} open watch streams per caller, so one client cannot hold every connection.
 */
public final class WatchQuota {

  private final int limit;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();

  public WatchQuota(int limit) {
    this.limit = limit;
  }

  /** Takes a slot; false when the caller already has {@code limit} streams open. */
  public boolean tryOpen(String caller) {
    boolean[] taken = {false};
    open.compute(
        caller,
        (name, count) -> {
          int current = count == null ? 0 : count;
          taken[0] = current < limit;
          return taken[0] ? current + 1 : current;
        });
    return taken[0];
  }

  public void closed(String caller) {
    open.computeIfPresent(caller, (name, count) -> count <= 1 ? null : count - 1);
  }

  public int limit() {
    return limit;
  }
}
