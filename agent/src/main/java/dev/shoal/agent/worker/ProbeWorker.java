package dev.shoal.agent.worker;

import dev.shoal.manifests.model.Probe;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs one probe of one container on a Vert.x timer (initial delay, then every period; never two
 * attempts at once) and keeps its verdict and the reason of the last failure: a liveness probe
 * starts passing, a readiness probe starts failing; the verdict flips after {@code
 * failureThreshold} failures or {@code successThreshold} successes in a row. A flip, or a failing
 * probe's reason changing, calls {@code onChange} (the pod's status shows both); every failed
 * attempt is told to {@code onFailure}, as kubelet records an event for each.
 */
final class ProbeWorker {
  private final Vertx vertx;
  private final Probe probe;
  private final ProbeCheck check;
  private final Runnable onChange;
  private final Consumer<String> onFailure;
  private volatile boolean passing;
  private volatile String failure;
  private int successes;
  private int failures;
  private boolean inFlight;
  private long timer = -1;
  private volatile boolean stopped;

  ProbeWorker(
      Vertx vertx,
      Probe probe,
      ProbeCheck check,
      boolean initiallyPassing,
      Runnable onChange,
      Consumer<String> onFailure) {
    this.vertx = vertx;
    this.probe = probe;
    this.check = check;
    this.passing = initiallyPassing;
    this.onChange = onChange;
    this.onFailure = onFailure;
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

  /** Why the last attempt failed, while the probe is not passing; null otherwise. */
  String failure() {
    return passing ? null : failure;
  }

  private void attempt() {
    if (stopped || inFlight) {
      return;
    }
    inFlight = true;
    check
        .run()
        .otherwise(e -> ProbeCheck.Result.failed(String.valueOf(e.getMessage())))
        .onComplete(
            ar -> {
              inFlight = false;
              if (!stopped) {
                record(
                    ar.succeeded()
                        ? ar.result()
                        : ProbeCheck.Result.failed(String.valueOf(ar.cause())));
              }
            });
  }

  /** Applies one attempt's result (package-private: the thresholds are tested without timers). */
  void record(ProbeCheck.Result result) {
    if (result.success()) {
      failures = 0;
      successes++;
      if (!passing && successes >= seconds(probe.successThreshold(), 1)) {
        passing = true;
        onChange.run();
      }
      return;
    }
    successes = 0;
    failures++;
    String before = failure;
    failure = result.message();
    onFailure.accept(result.message());
    if (passing && failures >= seconds(probe.failureThreshold(), 3)) {
      passing = false;
      onChange.run();
    } else if (!passing && !Objects.equals(before, failure)) {
      onChange.run();
    }
  }

  private static int seconds(Integer value, int otherwise) {
    return value == null || value < 0 ? otherwise : value;
  }
}
