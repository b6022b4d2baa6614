package dev.shoal.agent.worker;

import dev.shoal.agent.runtime.ContainerSpec;
import dev.shoal.manifests.model.ConfigMap;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Secret;
import dev.shoal.manifests.model.Volume;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * What a container start does with Secrets, ConfigMaps and the downward API: reads the objects the
 * container refers to from the cluster, says why it cannot start when one it needs is missing,
 * writes the file volumes it mounts, and gives the runtime spec its environment. Like kubelet, it
 * also rewrites the file volumes of running pods now and then, and soon after a Secret or ConfigMap
 * they read changes ({@link #sourceChanged}) or the pod's labels or annotations do, so the change
 * reaches their files (environment variables keep the values they started with).
 */
final class PodConfig {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PodConfig.class);

  /** A container that may start, with the spec to start it with; or the reason it must wait. */
  sealed interface Prepared {
    record Ready(ContainerSpec spec) implements Prepared {}

    record Waiting(String message) implements Prepared {}
  }

  /**
   * The last good refresh of a pod's file volumes: when, what they read, and a digest of the labels
   * and annotations downward API files show. {@code at} null: due at the next pass.
   */
  private record Refreshed(Instant at, String namespace, ConfigSources.Names names, int podFacts) {
    Refreshed due() {
      return new Refreshed(null, namespace, names, podFacts);
    }
  }

  private final Vertx vertx;
  private final PodHost host;
  private final PodVolumes volumes;
  private final PodContainers specs;
  private final Duration refreshEvery;
  private final Map<String, Refreshed> refreshed = new ConcurrentHashMap<>();
  private final Map<String, String> problems = new ConcurrentHashMap<>();
  private BiConsumer<Pod, String> listener = (pod, problem) -> {};

  PodConfig(
      Vertx vertx, PodHost host, PodVolumes volumes, PodContainers specs, Duration refreshEvery) {
    this.vertx = vertx;
    this.host = host;
    this.volumes = volumes;
    this.specs = specs;
    this.refreshEvery = refreshEvery;
  }

  /**
   * Rewrites the pod's file volumes that containers already use with the current values of their
   * sources, at most once per refresh period unless a source or the pod's labels or annotations
   * changed. A volume whose required source is gone, or lacks a listed key, keeps its files as they
   * were, as in Kubernetes. Never fails the pod's sync; what went wrong (the read, a missing source
   * or key, a write) is logged with the pod and volume when it changes, kept in {@link #problem},
   * handed to the listener, and retried at the next pass instead of a period later.
   */
  Future<Void> refresh(Pod pod, Instant now) {
    List<Volume> fileVolumes = ConfigSources.fileVolumes(pod);
    if (fileVolumes.isEmpty()) {
      return Future.succeededFuture();
    }
    String uid = pod.metadata().uid();
    ConfigSources.Names names = ConfigSources.namesFor(fileVolumes);
    int facts = Objects.hash(pod.metadata().labels(), pod.metadata().annotations());
    Refreshed done = new Refreshed(now, pod.metadata().namespace(), names, facts);
    Refreshed last = refreshed.putIfAbsent(uid, done);
    if (last == null
        || (last.at() != null
            && last.at().plus(refreshEvery).isAfter(now)
            && last.podFacts() == facts)) {
      return Future.succeededFuture(); // a first pass only notes the time: the start wrote them
    }
    return fetch(pod.metadata().namespace(), names)
        .compose(sources -> vertx.executeBlocking(() -> rewrite(pod, fileVolumes, sources), false))
        .transform(
            result -> {
              List<String> found =
                  result.succeeded()
                      ? result.result()
                      : List.of(
                          "cannot read its secrets and config maps: "
                              + result.cause().getMessage());
              report(pod, found);
              if (found.isEmpty()) {
                refreshed.put(uid, done);
              }
              return Future.succeededFuture();
            });
  }

  /**
   * A Secret or ConfigMap changed: the file volumes that read it are rewritten at the next pass.
   */
  void sourceChanged(String kind, String namespace, String name) {
    refreshed.replaceAll(
        (uid, r) ->
            r.namespace().equals(namespace) && r.names().includes(kind, name) ? r.due() : r);
  }

  /** Rewrites each volume it can; says what kept the others from being refreshed. */
  private List<String> rewrite(Pod pod, List<Volume> fileVolumes, ConfigSources sources) {
    List<String> found = new ArrayList<>();
    for (Volume v : fileVolumes) {
      Path dir = volumes.fileVolumeDir(pod.metadata().uid(), v.name());
      if (!Files.isDirectory(dir)) {
        continue; // no container mounts it yet: its start writes it
      }
      String problem = VolumePayload.problem(v, pod.metadata().namespace(), sources);
      if (problem != null) {
        found.add("volume " + v.name() + ": " + problem + "; its files keep their last values");
        continue;
      }
      try {
        AtomicDir.write(dir, VolumePayload.files(v, pod, sources, specs.node()));
      } catch (java.io.IOException | RuntimeException e) {
        found.add("volume " + v.name() + ": writing its files failed: " + e);
      }
    }
    return found;
  }

  /** Logs a pod's refresh problems when they change (not every pass), and hands them on. */
  private void report(Pod pod, List<String> found) {
    String uid = pod.metadata().uid();
    String now = found.isEmpty() ? null : String.join("; ", found);
    String before = now == null ? problems.remove(uid) : problems.put(uid, now);
    if (Objects.equals(before, now)) {
      return;
    }
    String who = pod.metadata().namespace() + "/" + pod.metadata().name();
    if (now == null) {
      LOG.info("pod {}: file volumes refreshed again", who);
    } else {
      LOG.warn("pod {}: file volume refresh failed: {}", who, now);
    }
    listener.accept(pod, now);
  }

  /** What kept the pod's file volumes from their last refresh, if anything. */
  Optional<String> problem(String uid) {
    return Optional.ofNullable(problems.get(uid));
  }

  /**
   * Called with a pod and its refresh problem when it changes (null once it is solved), e.g. to
   * record an event.
   */
  PodConfig onProblem(BiConsumer<Pod, String> listener) {
    this.listener = listener;
    return this;
  }

  void forget(String uid) {
    refreshed.remove(uid);
    problems.remove(uid);
  }

  /**
   * Reads, checks and writes what the container needs; {@code planned} is the spec made without
   * secrets and config maps, {@code pod} has the status the container starts with (its IP).
   */
  Future<Prepared> prepare(Pod pod, Container c, ContainerSpec planned) {
    ConfigSources.Names names = ConfigSources.namesFor(pod, c);
    return fetch(pod.metadata().namespace(), names)
        .<Prepared>compose(
            sources -> {
              String problem = sources.problem(pod, c);
              if (problem != null) {
                return Future.succeededFuture(new Prepared.Waiting(problem));
              }
              return writeVolumes(pod, c, sources)
                  .map(v -> new Prepared.Ready(specs.withSources(pod, c, planned, sources)));
            })
        .recover(
            e ->
                Future.succeededFuture(
                    new Prepared.Waiting(
                        "cannot prepare the container's environment and volumes: "
                            + e.getMessage())));
  }

  private Future<ConfigSources> fetch(String namespace, ConfigSources.Names names) {
    if (names.isEmpty()) {
      return Future.succeededFuture(ConfigSources.NONE);
    }
    Map<String, Future<Optional<Secret>>> secrets = new HashMap<>();
    names.secrets().forEach(name -> secrets.put(name, host.secret(namespace, name)));
    Map<String, Future<Optional<ConfigMap>>> configMaps = new HashMap<>();
    names.configMaps().forEach(name -> configMaps.put(name, host.configMap(namespace, name)));
    List<Future<?>> all = new ArrayList<>(secrets.values());
    all.addAll(configMaps.values());
    return Future.all(all)
        .map(
            done -> {
              Map<String, Secret> s = new HashMap<>();
              secrets.forEach((name, read) -> read.result().ifPresent(x -> s.put(name, x)));
              Map<String, ConfigMap> m = new HashMap<>();
              configMaps.forEach((name, read) -> read.result().ifPresent(x -> m.put(name, x)));
              return new ConfigSources(s, m);
            });
  }

  private Future<Void> writeVolumes(Pod pod, Container c, ConfigSources sources) {
    List<Volume> mounted = ConfigSources.mountedFileVolumes(pod, c);
    if (mounted.isEmpty()) {
      return Future.succeededFuture();
    }
    String uid = pod.metadata().uid();
    return vertx.executeBlocking(
        () -> {
          VolumeDirs.privateDirs(volumes.secretsDir(), volumes.secretsDir().resolve(uid));
          for (Volume v : mounted) {
            AtomicDir.write(
                volumes.fileVolumeDir(uid, v.name()),
                VolumePayload.files(v, pod, sources, specs.node()));
          }
          return null;
        },
        false);
  }
}
