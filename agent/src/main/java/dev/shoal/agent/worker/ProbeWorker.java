package dev.shoal.agent.worker;

import dev.shoal.agent.control.Timer;
import dev.shoal.manifests.model.Probe;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs one probe of one container on the injected {@link Timer} (the first attempt after {@code
 * initialDelaySeconds}, then one every {@code periodSeconds}, counted from the start of the one
 * before as kubelet's ticker does; an attempt still running when the next is due makes that one
 * skip) and keeps its verdict and the reason of the last failure: a liveness probe starts passing,
 * a readiness probe starts failing; the verdict flips after {@code failureThreshold} failures or
 * {@code successThreshold} successes in a row. A flip, or a failing probe's reason changing, calls
 * {@code onChange} (the pod's status shows both); every failed attempt is told to {@code
 * onFailure}, as kubelet records an event for each.
 */
final class ProbeWorker {
  private final Timer timer;
  private final Probe probe;
  private final ProbeCheck check;
  private final Runnable onChange;
  private final Consumer<String> onFailure;
  private volatile boolean passing;
  private volatile String failure;
  private int successes;
  private int failures;
  private boolean inFlight;
  private volatile Timer.Scheduled next;
  private volatile boolean stopped;

  ProbeWorker(
      Timer timer,
      Probe probe,
      ProbeCheck check,
      boolean initiallyPassing,
      Runnable onChange,
      Consumer<String> onFailure) {
    this.timer = timer;
    this.probe = probe;
    this.check = check;
    this.passing = initiallyPassing;
    this.onChange = onChange;
    this.onFailure = onFailure;
  }

  /** Starts the attempts, on the calling context (where they then run). */
  void start() {
    if (stopped) {
      return;
    }
    next = timer.schedule(Duration.ofSeconds(seconds(probe.initialDelaySeconds(), 0)), this::tick);
  }

  /** No attempt starts after this (a stopped worker's last timer finds it stopped). */
  void stop() {
    stopped = true;
    Timer.Scheduled scheduled = next;
    if (scheduled != null) {
      scheduled.cancel();
    }
  }

  private void tick() {
    if (stopped) {
      return;
    }
    next =
        timer.schedule(
            Duration.ofSeconds(Math.max(1, seconds(probe.periodSeconds(), 10))), this::tick);
    attempt();
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
