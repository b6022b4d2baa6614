package dev.shoal.agent.worker;

import dev.shoal.agent.runtime.ContainerSpec;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Secret;
import dev.shoal.manifests.model.Volume;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a container start does with Secrets: reads the ones the container refers to from the cluster,
 * says why it cannot start when one it needs is missing, writes its secret volumes, and gives the runtime
 * spec its secret environment. A container that refers to no secret costs nothing.
 */
final class PodSecrets {

  /** A container that may start, with the spec to start it with; or the reason it must wait. */
  sealed interface Prepared {
    record Ready(ContainerSpec spec) implements Prepared {}

    record Waiting(String message) implements Prepared {}
  }

  private final Vertx vertx;
  private final PodHost host;
  private final PodVolumes volumes;
  private final PodContainers specs;

  PodSecrets(Vertx vertx, PodHost host, PodVolumes volumes, PodContainers specs) {
    this.vertx = vertx;
    this.host = host;
    this.volumes = volumes;
    this.specs = specs;
  }

  /** Reads, checks and writes what the container needs; {@code planned} is the spec made without secrets. */
  Future<Prepared> prepare(Pod pod, Container c, ContainerSpec planned) {
    Set<String> names = SecretSet.namesFor(pod, c);
    if (names.isEmpty()) {
      return Future.succeededFuture(new Prepared.Ready(planned));
    }
    return fetch(pod.metadata().namespace(), names).<Prepared>compose(secrets -> {
      String problem = secrets.problem(pod, c);
      if (problem != null) {
        return Future.succeededFuture(new Prepared.Waiting(problem));
      }
      return writeVolumes(pod, c, secrets).map(v -> new Prepared.Ready(specs.withSecrets(pod, c, planned, secrets)));
    }).recover(e -> Future.succeededFuture(new Prepared.Waiting("cannot read secrets: " + e.getMessage())));
  }

  private Future<SecretSet> fetch(String namespace, Set<String> names) {
    Map<String, Future<Optional<Secret>>> reads = new HashMap<>();
    names.forEach(name -> reads.put(name, host.secret(namespace, name)));
    return Future.all(List.copyOf(reads.values())).map(all -> {
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
    return vertx.executeBlocking(() -> {
      SecretFiles.privateDirs(volumes.secretsDir(), volumes.secretsDir().resolve(uid));
      for (Volume v : mounted) {
        SecretFiles.write(volumes.secretDir(uid, v.name()), v.secret(), secrets.get(v.secret().secretName()));
      }
      return null;
    }, false);
  }
}
