package dev.shoal.agent.worker;

import dev.shoal.agent.runtime.ContainerInfo;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.ContainerStateWaiting;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Where one container of a pod stands, judged from its newest engine instance, the restart policy
 * and the back-off: the common ground of {@link PodPlanner} and {@link PodStatusBuilder}.
 *
 * @param waiting why it is not running, for {@link Kind#NOT_STARTED}, {@link Kind#BACKING_OFF} and
 *     {@link Kind#RESTART_NOW}
 * @param retryAt when the back-off of a {@link Kind#BACKING_OFF} container ends
 */
record ContainerOutcome(
    Container container,
    boolean init,
    ContainerInfo latest,
    ContainerInfo previous,
    Kind kind,
    ContainerStateWaiting waiting,
    Instant retryAt) {

  enum Kind {
    NOT_STARTED,
    RUNNING,
    BACKING_OFF,
    RESTART_NOW,
    SUCCEEDED,
    FAILED
  }

  static final String CRASH_LOOP = "CrashLoopBackOff";

  /**
   * The key of a sandbox problem in the problems map (container names are lower case, so it cannot
   * clash).
   */
  static final String SANDBOX_PROBLEM = dev.shoal.agent.runtime.ShoalLabels.SANDBOX;

  String name() {
    return container.name();
  }

  boolean stopped() {
    return kind == Kind.BACKING_OFF
        || kind == Kind.RESTART_NOW
        || kind == Kind.SUCCEEDED
        || kind == Kind.FAILED;
  }

  static ContainerOutcome evaluate(
      Container c,
      boolean init,
      String restartPolicy,
      ObservedPod observed,
      Map<String, ContainerStateWaiting> problems,
      WorkerConfig config,
      String podRef,
      Instant now) {
    ContainerInfo latest = observed.latest(c.name());
    ContainerInfo previous = observed.previous(c.name());
    ContainerStateWaiting problem = problems.getOrDefault(c.name(), problems.get(SANDBOX_PROBLEM));
    if (latest == null) {
      ContainerStateWaiting w =
          problem != null ? problem : new ContainerStateWaiting("ContainerCreating", null);
      return new ContainerOutcome(c, init, null, previous, Kind.NOT_STARTED, w, null);
    }
    if (isRunning(latest)) {
      return new ContainerOutcome(c, init, latest, previous, Kind.RUNNING, null, null);
    }
    int exit = exitCode(latest);
    String policy = init && "Always".equals(restartPolicy) ? "OnFailure" : restartPolicy;
    // An app container stopped because its spec changed (e.g. a new image) is recreated whatever
    // the policy.
    boolean specChanged =
        !init
            && !PodContainers.hash(c)
                .equals(latest.label(dev.shoal.agent.runtime.ShoalLabels.CONTAINER_HASH));
    boolean restart =
        specChanged || "Always".equals(policy) || ("OnFailure".equals(policy) && exit != 0);
    if (!restart) {
      return new ContainerOutcome(
          c, init, latest, previous, exit == 0 ? Kind.SUCCEEDED : Kind.FAILED, null, null);
    }
    Duration delay = backoff(latest, config);
    Instant retryAt = finished(latest, now).plus(delay);
    if (specChanged || !now.isBefore(retryAt)) {
      ContainerStateWaiting w =
          problem != null ? problem : new ContainerStateWaiting("ContainerCreating", null);
      return new ContainerOutcome(c, init, latest, previous, Kind.RESTART_NOW, w, null);
    }
    ContainerStateWaiting w =
        new ContainerStateWaiting(
            CRASH_LOOP,
            "back-off "
                + human(delay)
                + " restarting failed container="
                + c.name()
                + " pod="
                + podRef);
    return new ContainerOutcome(c, init, latest, previous, Kind.BACKING_OFF, w, retryAt);
  }

  static boolean isRunning(ContainerInfo c) {
    return switch (c.status()) {
      case RUNNING, PAUSED, RESTARTING -> true;
      default -> false;
    };
  }

  /** The exit code; a container that was created but never started counts as failed (128). */
  static int exitCode(ContainerInfo c) {
    if (c.startedAt() == null && c.exitCode() == 0) {
      return 128;
    }
    return c.exitCode();
  }

  static Instant finished(ContainerInfo c, Instant now) {
    if (c.finishedAt() != null) {
      return c.finishedAt();
    }
    return c.createdAt() != null ? c.createdAt() : now;
  }

  /**
   * Doubling per restart like kubelet; a container that ran longer than twice the cap starts over.
   */
  private static Duration backoff(ContainerInfo c, WorkerConfig config) {
    if (c.startedAt() != null
        && c.finishedAt() != null
        && Duration.between(c.startedAt(), c.finishedAt())
                .compareTo(config.backoffMax().multipliedBy(2))
            > 0) {
      return config.backoffBase();
    }
    return config.backoff(ObservedPod.restartCount(c));
  }

  private static String human(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    long s = ms / 1000;
    return s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
  }
}
