package dev.shoal.agent.worker;

import dev.shoal.agent.control.Contexts;
import dev.shoal.agent.control.Timer;
import dev.shoal.agent.events.EventRecorder;
import dev.shoal.agent.runtime.ContainerInfo;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.ObjectReference;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Probe;
import io.vertx.core.Context;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Keeps one {@link ProbeWorker} per probe of every running container of the node's pods, starting
 * them when a container starts and stopping them when it stops; a verdict flip (or a new reason for
 * failing) asks for the pod to be synced again. Every failed attempt is a Warning event {@code
 * Unhealthy} on the pod, as kubelet records it ("Readiness probe failed: HTTP probe failed with
 * statuscode: 503"), folded into a count by the recorder; containers killed for their liveness
 * probe keep the reason for their last state.
 */
final class ProbeManager implements ProbeResults {
  private record Key(String podUid, String containerId, boolean liveness) {}

  private final Context context;
  private final Timer timer;
  private final ProbeCheck.Clients clients;
  private final Consumer<Pod> onFlip;
  private final EventRecorder events;
  private final Map<Key, ProbeWorker> workers = new ConcurrentHashMap<>();

  /** Why containers were killed (by pod uid, then engine ID), for their terminated state. */
  private final Map<String, Map<String, String>> kills = new ConcurrentHashMap<>();

  /** The probes run on {@code context}, timed on {@code timer}. */
  ProbeManager(
      Context context,
      Timer timer,
      ProbeCheck.Clients clients,
      EventRecorder events,
      Consumer<Pod> onFlip) {
    this.context = context;
    this.timer = timer;
    this.clients = clients;
    this.events = events;
    this.onFlip = onFlip;
  }

  /**
   * The reference of events about one container, as kubelet's: the pod, {@code
   * spec.containers{name}} (or init).
   */
  static ObjectReference containerRef(Pod pod, String container) {
    boolean init =
        pod.spec() != null
            && pod.spec().initContainers() != null
            && pod.spec().initContainers().stream().anyMatch(c -> container.equals(c.name()));
    String list = init ? "spec.initContainers" : "spec.containers";
    return ObjectReference.to(pod).withFieldPath(list + "{" + container + "}");
  }

  /** Aligns the pod's probe workers with its running containers. */
  void update(Pod pod, ObservedPod observed) {
    String uid = pod.metadata().uid();
    String podIP = observed.sandbox() == null ? null : observed.sandbox().ipAddress();
    Set<Key> wanted = new HashSet<>();
    for (Container c : pod.spec().containersOrEmpty()) {
      ContainerInfo latest = observed.latest(c.name());
      if (latest == null || !ContainerOutcome.isRunning(latest)) {
        continue;
      }
      ensure(pod, new Key(uid, latest.id(), true), c.livenessProbe(), c, podIP, wanted);
      ensure(pod, new Key(uid, latest.id(), false), c.readinessProbe(), c, podIP, wanted);
    }
    workers
        .keySet()
        .removeIf(
            k -> {
              if (k.podUid().equals(uid) && !wanted.contains(k)) {
                workers.get(k).stop();
                return true;
              }
              return false;
            });
  }

  private void ensure(Pod pod, Key key, Probe probe, Container c, String podIP, Set<Key> wanted) {
    if (probe == null) {
      return;
    }
    wanted.add(key);
    workers.computeIfAbsent(
        key,
        k -> {
          boolean initially = k.liveness() || reportedReady(pod, c.name(), k.containerId());
          String kind = k.liveness() ? "Liveness" : "Readiness";
          ObjectReference about = containerRef(pod, c.name());
          ProbeWorker w =
              new ProbeWorker(
                  timer,
                  probe,
                  ProbeCheck.of(probe, c, k.containerId(), podIP, clients),
                  initially,
                  () -> onFlip.accept(pod),
                  why -> events.warning(about, "Unhealthy", kind + " probe failed: " + why));
          Contexts.run(context, w::start);
          return w;
        });
  }

  /**
   * Whether the pod's status already reports this very container instance ready: then a new worker
   * (after an agent restart) starts from ready instead of flapping the pod's endpoints until its
   * first probe.
   */
  private static boolean reportedReady(Pod pod, String name, String containerId) {
    if (pod.status() == null || pod.status().containerStatuses() == null) {
      return false;
    }
    return pod.status().containerStatuses().stream()
        .anyMatch(
            s ->
                name.equals(s.name())
                    && ("docker://" + containerId).equals(s.containerID())
                    && Boolean.TRUE.equals(s.ready()));
  }

  void forget(String podUid) {
    kills.remove(podUid);
    workers
        .keySet()
        .removeIf(
            k -> {
              if (k.podUid().equals(podUid)) {
                workers.get(k).stop();
                return true;
              }
              return false;
            });
  }

  /**
   * Notes that the worker stops this container because its liveness probe failed, and says so as
   * kubelet does.
   */
  void killedForLiveness(Pod pod, String name, String containerId) {
    String message = "Container " + name + " failed liveness probe, will be restarted";
    kills
        .computeIfAbsent(pod.metadata().uid(), k -> new ConcurrentHashMap<>())
        .put(containerId, message);
    events.normal(containerRef(pod, name), "Killing", message);
  }

  @Override
  public String killReason(String containerId) {
    for (Map<String, String> byId : kills.values()) {
      String message = byId.get(containerId);
      if (message != null) {
        return message;
      }
    }
    return null;
  }

  @Override
  public String readinessFailure(String containerId) {
    ProbeWorker w = find(containerId, false);
    return w == null ? null : w.failure();
  }

  void stopAll() {
    workers.values().forEach(ProbeWorker::stop);
    workers.clear();
  }

  @Override
  public boolean livenessFailed(String containerId) {
    ProbeWorker w = find(containerId, true);
    return w != null && !w.passing();
  }

  @Override
  public boolean ready(String containerId) {
    ProbeWorker w = find(containerId, false);
    return w != null && w.passing();
  }

  private ProbeWorker find(String containerId, boolean liveness) {
    for (Map.Entry<Key, ProbeWorker> e : workers.entrySet()) {
      if (e.getKey().containerId().equals(containerId) && e.getKey().liveness() == liveness) {
        return e.getValue();
      }
    }
    return null;
  }
}
