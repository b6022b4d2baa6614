package dev.shoal.e2e;

import java.time.Duration;

/**
 * When the API showed a pod's Ready condition change, bracketed by asking every 20 ms: the change
 * happened after {@code lastOldAskedNanos} (that request still showed the old value) and before
 * {@code firstNewSeenNanos} (the answer that showed the new one arrived). Times are {@link
 * System#nanoTime()}.
 */
record ReadyFlip(long lastOldAskedNanos, long firstNewSeenNanos) {

  private static final long INTERVAL_MS = 20;

  /** Asks {@code api} for the pod until its Ready condition is {@code ready}. */
  static ReadyFlip await(
      ShoalApi api, String namespace, String pod, boolean ready, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    long lastOld = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long asked = System.nanoTime();
      try {
        if (PodView.of(api.get("/api/v1/namespaces/" + namespace + "/pods/" + pod)).ready()
            == ready) {
          return new ReadyFlip(lastOld, System.nanoTime());
        }
        lastOld = asked;
      } catch (ShoalApi.ApiException e) {
        // not an observation: the bracket stays as it was
      }
      try {
        Thread.sleep(INTERVAL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + pod + " Ready=" + ready, e);
      }
    }
    throw new AssertionError(
        pod + " did not turn Ready=" + ready + " within " + limit.toSeconds() + " s");
  }
}
