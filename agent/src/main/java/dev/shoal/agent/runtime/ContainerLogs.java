package dev.shoal.agent.runtime;

import io.vertx.core.Future;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds the engine container behind a pod's container on this node and opens its log: the current
 * instance, or with {@code previous} the one before it (the one that crashed), like {@code kubectl
 * logs -p}.
 */
public final class ContainerLogs {
  private final ContainerRuntime runtime;
  private final String nodeName;

  public ContainerLogs(ContainerRuntime runtime, String nodeName) {
    this.runtime = runtime;
    this.nodeName = nodeName;
  }

  /** Fails NOT_FOUND, naming this node, when the pod has no such container (instance) here. */
  public Future<LogStream> open(
      String podUid, String podName, String container, boolean previous, LogOptions options) {
    return runtime
        .list(Map.of(ShoalLabels.POD_UID, podUid, ShoalLabels.CONTAINER, container))
        .compose(
            found -> {
              List<ContainerSummary> newestFirst =
                  found.stream()
                      .sorted(Comparator.comparingInt(ContainerLogs::restartCount).reversed())
                      .toList();
              int index = previous ? 1 : 0;
              if (newestFirst.size() <= index) {
                return Future.failedFuture(
                    new RuntimeFailure(
                        RuntimeFailure.Kind.NOT_FOUND,
                        (previous ? "previous terminated " : "")
                            + "container \""
                            + container
                            + "\" in pod \""
                            + podName
                            + "\" not found on node "
                            + nodeName));
              }
              return runtime.streamLogs(newestFirst.get(index).id(), options);
            });
  }

  private static int restartCount(ContainerSummary c) {
    try {
      return Integer.parseInt(c.labels().getOrDefault(ShoalLabels.RESTART_COUNT, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
