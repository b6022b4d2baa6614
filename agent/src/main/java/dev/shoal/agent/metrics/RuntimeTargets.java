package dev.shoal.agent.metrics;

import dev.shoal.agent.control.Timer;
import dev.shoal.agent.runtime.ContainerInfo;
import dev.shoal.agent.runtime.ContainerRuntime;
import dev.shoal.agent.runtime.ContainerSummary;
import dev.shoal.agent.runtime.ShoalLabels;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link TargetSource} of a node: the running app and init containers the engine lists with
 * this node's label (never the sandbox), each placed in its cgroup once, when first seen, from its
 * main process's {@code /proc/PID/cgroup} (which holds whatever {@code --cgroup-parent} the engine
 * runs with), else where the driver puts it by default. The list is asked again after a container
 * starts or dies (engine events) and at least every {@code refresh}; between those a sample reuses
 * it, so sampling costs the engine nothing.
 */
public final class RuntimeTargets implements TargetSource {

  private final Vertx vertx;
  private final Timer timer;
  private final ContainerRuntime runtime;
  private final String nodeName;
  private final CgroupLayout layout;
  private final Path procRoot;
  private final Duration refresh;
  private Map<String, Target> current = Map.of();
  private long listedAtMillis = Long.MIN_VALUE;
  private volatile boolean dirty = true; // set by engine events on an event loop
  private Future<Map<String, Target>> listing;

  public RuntimeTargets(
      Vertx vertx,
      Timer timer,
      ContainerRuntime runtime,
      String nodeName,
      CgroupLayout layout,
      Path procRoot,
      Duration refresh) {
    this.vertx = vertx;
    this.timer = timer;
    this.runtime = runtime;
    this.nodeName = nodeName;
    this.layout = layout;
    this.procRoot = procRoot;
    this.refresh = refresh;
    runtime.onContainerEvent(event -> dirty = true);
  }

  /** The layout of this host: Docker's driver and version, and {@code /proc/self/mountinfo}. */
  public static Future<CgroupLayout> detect(Vertx vertx, ContainerRuntime runtime, Path procRoot) {
    return runtime
        .cgroupInfo()
        .compose(
            info ->
                vertx.executeBlocking(
                    () ->
                        CgroupLayout.detect(
                            info.driver(),
                            info.version(),
                            Files.readString(procRoot.resolve("self/mountinfo")))));
  }

  @Override
  public Future<Map<String, Target>> targets() {
    long now = timer.clock().millis();
    if (!dirty && now - listedAtMillis < refresh.toMillis()) {
      return Future.succeededFuture(current);
    }
    if (listing != null) {
      return listing;
    }
    dirty = false;
    Future<Map<String, Target>> next =
        list()
            .map(
                targets -> {
                  current = targets;
                  listedAtMillis = now;
                  return targets;
                })
            .recover(
                e -> {
                  dirty = true; // try again next sample, with the old list meanwhile
                  return Future.succeededFuture(current);
                });
    listing = next;
    next.onComplete(done -> listing = null); // at once if it is complete already
    return next;
  }

  private Future<Map<String, Target>> list() {
    return runtime
        .list(Map.of(ShoalLabels.NODE, nodeName))
        .compose(
            summaries -> {
              Map<String, Target> known = current;
              List<Future<Map.Entry<String, Target>>> found = new ArrayList<>();
              for (ContainerSummary s : summaries) {
                if (!s.running() || !sampled(s)) {
                  continue;
                }
                Target already = known.get(s.id());
                found.add(
                    already != null
                        ? Future.succeededFuture(Map.entry(s.id(), already))
                        : place(s).map(t -> t == null ? null : Map.entry(s.id(), t)));
              }
              return Future.join(found)
                  .transform(
                      ignored -> {
                        Map<String, Target> next = new HashMap<>();
                        for (Future<Map.Entry<String, Target>> f : found) {
                          if (f.succeeded() && f.result() != null) {
                            next.put(f.result().getKey(), f.result().getValue());
                          }
                        }
                        return Future.succeededFuture(Map.copyOf(next));
                      });
            });
  }

  private static boolean sampled(ContainerSummary s) {
    String kind = s.label(ShoalLabels.CONTAINER_KIND);
    return s.label(ShoalLabels.POD_NAME) != null
        && s.label(ShoalLabels.CONTAINER) != null
        && !ShoalLabels.SANDBOX.equals(s.label(ShoalLabels.CONTAINER))
        && !"sandbox".equals(kind);
  }

  /** The container's target, its cgroup read from its main process; null if it stopped since. */
  private Future<Target> place(ContainerSummary s) {
    return runtime
        .inspect(s.id())
        .compose(
            info ->
                vertx.executeBlocking(
                    () -> {
                      if (!info.running()) {
                        return null;
                      }
                      return new Target(
                          s.label(ShoalLabels.POD_NAMESPACE),
                          s.label(ShoalLabels.POD_NAME),
                          s.label(ShoalLabels.CONTAINER),
                          cgroupOf(info));
                    }));
  }

  private ContainerCgroup cgroupOf(ContainerInfo info) {
    if (info.pid() > 0) {
      try {
        ContainerCgroup found =
            layout.fromProcCgroup(
                Files.readString(procRoot.resolve(info.pid() + "").resolve("cgroup")));
        if (found != null && Files.exists(found.cpuFile())) {
          return found;
        }
      } catch (IOException e) {
        // another PID namespace (the agent in a container) or the process just ended
      }
    }
    return layout.conventional(info.id());
  }
}
