package dev.shoal.agent.worker;

import dev.shoal.agent.runtime.ContainerSpec;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Secret;
import dev.shoal.manifests.model.Volume;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a container start does with Secrets: reads the ones the container refers to from the
 * cluster, says why it cannot start when one it needs is missing, writes its secret volumes, and
 * gives the runtime spec its secret environment. A container that refers to no secret costs
 * nothing. Like kubelet, it also refreshes the secret volumes of running pods now and then, so a
 * changed Secret reaches their files (environment variables keep the values they started with).
 */
final class PodSecrets {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PodSecrets.class);

  /** A container that may start, with the spec to start it with; or the reason it must wait. */
  sealed interface Prepared {
    record Ready(ContainerSpec spec) implements Prepared {}

    record Waiting(String message) implements Prepared {}
  }

  private final Vertx vertx;
  private final PodHost host;
  private final PodVolumes volumes;
  private final PodContainers specs;
  private final Duration refreshEvery;
  private final Map<String, Instant> refreshed = new ConcurrentHashMap<>();
  private final Map<String, String> problems = new ConcurrentHashMap<>();
  private java.util.function.BiConsumer<Pod, String> listener = (pod, problem) -> {};

  PodSecrets(
      Vertx vertx, PodHost host, PodVolumes volumes, PodContainers specs, Duration refreshEvery) {
    this.vertx = vertx;
    this.host = host;
    this.volumes = volumes;
    this.specs = specs;
    this.refreshEvery = refreshEvery;
  }

  /**
   * Rewrites the pod's secret volumes that containers already use with the Secrets' current values,
   * at most once per refresh period. A Secret that is gone, or lacks a listed key, leaves the files
   * as they were, as in Kubernetes. Never fails the pod's sync; what went wrong (the read, a
   * missing Secret or key, a write) is logged with the pod and volume when it changes, kept in
   * {@link #problem}, handed to the listener, and retried at the next pass instead of a whole
   * period later.
   */
  Future<Void> refresh(Pod pod, Instant now) {
    List<Volume> secretVolumes =
        pod.spec().volumesOrEmpty().stream()
            .filter(v -> v.secret() != null && v.secret().secretName() != null)
            .toList();
    if (secretVolumes.isEmpty()) {
      return Future.succeededFuture();
    }
    String uid = pod.metadata().uid();
    Instant last = refreshed.putIfAbsent(uid, now);
    if (last == null || last.plus(refreshEvery).isAfter(now)) {
      return Future.succeededFuture();
    }
    Set<String> names = new java.util.LinkedHashSet<>();
    secretVolumes.forEach(v -> names.add(v.secret().secretName()));
    return fetch(pod.metadata().namespace(), names)
        .compose(
            secrets -> vertx.executeBlocking(() -> rewrite(uid, secretVolumes, secrets), false))
        .transform(
            done -> {
              List<String> found =
                  done.succeeded()
                      ? done.result()
                      : List.of("cannot read its secrets: " + done.cause().getMessage());
              report(pod, found);
              if (found.isEmpty()) {
                refreshed.put(uid, now);
              }
              return Future.succeededFuture();
            });
  }

  /** Rewrites each volume it can; says what kept the others from being refreshed. */
  private List<String> rewrite(String uid, List<Volume> secretVolumes, SecretSet secrets) {
    List<String> found = new java.util.ArrayList<>();
    for (Volume v : secretVolumes) {
      java.nio.file.Path dir = volumes.secretDir(uid, v.name());
      if (!java.nio.file.Files.isDirectory(dir)) {
        continue; // no container mounts it yet: its start writes it
      }
      String name = v.secret().secretName();
      Secret secret = secrets.get(name);
      if (secret == null) {
        found.add(
            "volume "
                + v.name()
                + ": secret "
                + name
                + " not found; its files keep their last values");
        continue;
      }
      List<String> missing =
          v.secret().itemsOrEmpty().stream()
              .map(item -> item.key())
              .filter(key -> !secret.dataOrEmpty().containsKey(key))
              .toList();
      if (!missing.isEmpty()) {
        found.add(
            "volume "
                + v.name()
                + ": secret "
                + name
                + " has no key "
                + String.join(", ", missing)
                + "; its files keep their last values");
        continue;
      }
      try {
        SecretFiles.write(dir, v.secret(), secret);
      } catch (java.io.IOException | RuntimeException e) {
        found.add("volume " + v.name() + ": writing the files of secret " + name + " failed: " + e);
      }
    }
    return found;
  }

  /** Logs a pod's refresh problems when they change (not every pass), and hands them on. */
  private void report(Pod pod, List<String> found) {
    String uid = pod.metadata().uid();
    String now = found.isEmpty() ? null : String.join("; ", found);
    String before = now == null ? problems.remove(uid) : problems.put(uid, now);
    if (java.util.Objects.equals(before, now)) {
      return;
    }
    String who = pod.metadata().namespace() + "/" + pod.metadata().name();
    if (now == null) {
      LOG.info("pod {}: secret volumes refreshed again", who);
    } else {
      LOG.warn("pod {}: secret volume refresh failed: {}", who, now);
    }
    listener.accept(pod, now);
  }

  /** What kept the pod's secret volumes from their last refresh, if anything. */
  Optional<String> problem(String uid) {
    return Optional.ofNullable(problems.get(uid));
  }

  /**
   * Called with a pod and its refresh problem when it changes (null once it is solved), e.g. to
   * record an event.
   */
  PodSecrets onProblem(java.util.function.BiConsumer<Pod, String> listener) {
    this.listener = listener;
    return this;
  }

  void forget(String uid) {
    refreshed.remove(uid);
    problems.remove(uid);
  }

  /**
   * Reads, checks and writes what the container needs; {@code planned} is the spec made without
   * secrets.
   */
  Future<Prepared> prepare(Pod pod, Container c, ContainerSpec planned) {
    Set<String> names = SecretSet.namesFor(pod, c);
    if (names.isEmpty()) {
      return Future.succeededFuture(new Prepared.Ready(planned));
    }
    return fetch(pod.metadata().namespace(), names)
        .<Prepared>compose(
            secrets -> {
              String problem = secrets.problem(pod, c);
              if (problem != null) {
                return Future.succeededFuture(new Prepared.Waiting(problem));
              }
              return writeVolumes(pod, c, secrets)
                  .map(v -> new Prepared.Ready(specs.withSecrets(pod, c, planned, secrets)));
            })
        .recover(
            e ->
                Future.succeededFuture(
                    new Prepared.Waiting("cannot read secrets: " + e.getMessage())));
  }

  private Future<SecretSet> fetch(String namespace, Set<String> names) {
    Map<String, Future<Optional<Secret>>> reads = new HashMap<>();
    names.forEach(name -> reads.put(name, host.secret(namespace, name)));
    return Future.all(List.copyOf(reads.values()))
        .map(
            all -> {
              Map<String, Secret> found = new HashMap<>();
              reads.forEach((name, read) -> read.result().ifPresent(s -> found.put(name, s)));
              return new SecretSet(found);
            });
  }

  private Future<Void> writeVolumes(Pod pod, Container c, SecretSet secrets) {
    List<Volume> mounted = SecretSet.mountedSecretVolumes(pod, c);
    if (mounted.isEmpty()) {
      return Future.succeededFuture();
    }
    String uid = pod.metadata().uid();
    return vertx.executeBlocking(
        () -> {
          SecretFiles.privateDirs(volumes.secretsDir(), volumes.secretsDir().resolve(uid));
          for (Volume v : mounted) {
            SecretFiles.write(
                volumes.secretDir(uid, v.name()), v.secret(), secrets.get(v.secret().secretName()));
          }
          return null;
        },
        false);
  }
}
