package dev.shoal.agent.worker;

import dev.shoal.agent.runtime.ContainerRuntime;
import dev.shoal.agent.runtime.ContainerSummary;
import dev.shoal.agent.runtime.ShoalLabels;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * Takes a pod's containers down: SIGTERM to every container at once, SIGKILL after the grace
 * period, then the sandbox, then removes them all and the pod's volumes. Used for graceful deletes
 * and for orphans.
 */
final class PodTerminator {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(PodTerminator.class);
  private static final Duration SANDBOX_GRACE = Duration.ofSeconds(2);

  private final ContainerRuntime runtime;
  private final PodVolumes volumes;

  PodTerminator(ContainerRuntime runtime, PodVolumes volumes) {
    this.runtime = runtime;
    this.volumes = volumes;
  }

  Future<Void> terminate(String uid, List<ContainerSummary> containers, Duration grace) {
    List<ContainerSummary> apps = containers.stream().filter(c -> !isSandbox(c)).toList();
    List<ContainerSummary> sandboxes =
        containers.stream().filter(PodTerminator::isSandbox).toList();
    return Future.all(
            apps.stream()
                .filter(ContainerSummary::running)
                .map(c -> runtime.stop(c.id(), grace))
                .toList())
        .compose(
            v ->
                Future.all(
                    sandboxes.stream()
                        .filter(ContainerSummary::running)
                        .map(c -> runtime.stop(c.id(), SANDBOX_GRACE))
                        .toList()))
        .compose(v -> Future.all(containers.stream().map(c -> runtime.remove(c.id())).toList()))
        .compose(
            v ->
                volumes
                    .remove(uid)
                    .recover(
                        e -> {
                          // The containers are gone, which is what a delete waits for; the
                          // directory is retried by later passes.
                          LOG.warn("volumes of pod {} not removed yet: {}", uid, e.toString());
                          return Future.succeededFuture();
                        }));
  }

  /**
   * The longest grace period the containers were made with (for orphans, whose pod is no longer
   * known).
   */
  static Duration recordedGrace(List<ContainerSummary> containers) {
    long max = 0;
    for (ContainerSummary c : containers) {
      try {
        max =
            Math.max(max, Long.parseLong(c.labels().getOrDefault(ShoalLabels.GRACE_SECONDS, "0")));
      } catch (NumberFormatException e) {
        // unlabelled: no grace
      }
    }
    return Duration.ofSeconds(max);
  }

  private static boolean isSandbox(ContainerSummary c) {
    return ShoalLabels.SANDBOX.equals(c.label(ShoalLabels.CONTAINER));
  }
}
