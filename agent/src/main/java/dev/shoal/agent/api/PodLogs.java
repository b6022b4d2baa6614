package dev.shoal.agent.api;

import dev.shoal.agent.runtime.LogOptions;
import dev.shoal.agent.runtime.LogRelay;
import dev.shoal.agent.runtime.LogStream;
import dev.shoal.manifests.model.Pod;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.BiFunction;

/**
 * Opens a container's log for {@code GET .../pods/{name}/log} on the node that runs the pod; other
 * nodes forward the request there ({@link PodLogHandler}).
 */
public interface PodLogs {

  /**
   * {@code container} is the pod's container; {@code previous} asks for its instance before the
   * current one.
   */
  Future<LogStream> logs(Pod pod, String container, boolean previous, LogOptions options);

  /**
   * Logs of fixed text, for an API without a runtime (tests, tools); called on the request's
   * context.
   */
  static PodLogs text(BiFunction<Pod, String, String> text) {
    return (pod, container, previous, options) ->
        Future.succeededFuture(
            LogRelay.completed(Vertx.currentContext(), text.apply(pod, container)));
  }
}
