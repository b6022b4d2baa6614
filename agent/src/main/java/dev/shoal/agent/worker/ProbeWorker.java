package dev.shoal.agent.worker;

import dev.shoal.manifests.model.Probe;
import io.vertx.core.Vertx;

/**
 * Runs one probe of one container on a Vert.x timer (initial delay, then every period; never two attempts
 * at once) and keeps its verdict: a liveness probe starts passing, a readiness probe starts failing;
 * the verdict flips after {@code failureThreshold} failures or {@code successThreshold} successes in a row,
 * and each flip calls {@code onFlip}.
 */
final class ProbeWorker {
  private final Vertx vertx;
  private final Probe probe;
  private final ProbeCheck check;
  private final Runnable onFlip;
  private volatile boolean passing;
  private int successes;
  private int failures;
  private boolean inFlight;
  private long timer = -1;
  private volatile boolean stopped;

  ProbeWorker(Vertx vertx, Probe probe, ProbeCheck check, boolean initiallyPassing, Runnable onFlip) {
    this.vertx = vertx;
    this.probe = probe;
    this.check = check;
    this.passing = initiallyPassing;
    this.onFlip = onFlip;
  }

  void start() {
    long delay = Math.max(1, seconds(probe.initialDelaySeconds(), 0) * 1000L);
    long period = Math.max(1, seconds(probe.periodSeconds(), 10)) * 1000L;
    timer = vertx.setPeriodic(delay, period, id -> attempt());
  }

  void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  boolean passing() {
    return passing;
  }

  private void attempt() {
    if (stopped || inFlight) {
      return;
    }
    inFlight = true;
    check.run().otherwise(false).onComplete(ar -> {
      inFlight = false;
      if (!stopped) {
        record(ar.succeeded() && Boolean.TRUE.equals(ar.result()));
      }
    });
  }

  private void record(boolean ok) {
    if (ok) {
      failures = 0;
      successes++;
      if (!passing && successes >= seconds(probe.successThreshold(), 1)) {
        passing = true;
        onFlip.run();
      }
    } else {
      successes = 0;
      failures++;
      if (passing && failures >= seconds(probe.failureThreshold(), 3)) {
        passing = false;
        onFlip.run();
      }
    }
  }

  private static int seconds(Integer value, int otherwise) {
    return value == null || value < 0 ? otherwise : value;
  }
}
