package dev.shoal.agent.worker;

import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.EnvFromSource;
import dev.shoal.manifests.model.EnvVar;
import dev.shoal.manifests.model.KeyToPath;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Secret;
import dev.shoal.manifests.model.SecretKeySelector;
import dev.shoal.manifests.model.SecretVolumeSource;
import dev.shoal.manifests.model.Volume;
import dev.shoal.manifests.model.VolumeMount;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Secrets one container start needs, as read from the cluster (a name missing from {@code
 * found} does not exist), and the Kubernetes judgement of whether the container may start with
 * them.
 */
record SecretSet(Map<String, Secret> found) {
  static final SecretSet NONE = new SecretSet(Map.of());

  /** The waiting reason of a container whose secrets are missing, as kubelet reports it. */
  static final String CONFIG_ERROR = "CreateContainerConfigError";

  SecretSet {
    found = Map.copyOf(found);
  }

  Secret get(String name) {
    return found.get(name);
  }

  /** Every secret the container refers to: its env, envFrom and the secret volumes it mounts. */
  static Set<String> namesFor(Pod pod, Container c) {
    Set<String> names = new LinkedHashSet<>();
    for (EnvFromSource from : c.envFromOrEmpty()) {
      if (from.secretRef() != null && from.secretRef().name() != null) {
        names.add(from.secretRef().name());
      }
    }
    for (EnvVar e : c.envOrEmpty()) {
      if (e.valueFrom() != null
          && e.valueFrom().secretKeyRef() != null
          && e.valueFrom().secretKeyRef().name() != null) {
        names.add(e.valueFrom().secretKeyRef().name());
      }
    }
    for (Volume v : mountedSecretVolumes(pod, c)) {
      names.add(v.secret().secretName());
    }
    return names;
  }

  /** The pod's secret volumes this container mounts. */
  static List<Volume> mountedSecretVolumes(Pod pod, Container c) {
    List<String> mounted =
        c.volumeMounts() == null
            ? List.of()
            : c.volumeMounts().stream().map(VolumeMount::name).toList();
    return pod.spec().volumesOrEmpty().stream()
        .filter(
            v ->
                v.secret() != null && v.secret().secretName() != null && mounted.contains(v.name()))
        .toList();
  }

  /**
   * Why the container cannot start yet (kubelet's words: {@code secret "db" not found}, {@code
   * couldn't find key password in Secret ns/db}), or null when every secret and key it needs is
   * there or optional.
   */
  String problem(Pod pod, Container c) {
    String namespace = pod.metadata().namespace();
    for (EnvFromSource from : c.envFromOrEmpty()) {
      if (from.secretRef() != null && !get(from.secretRef().name(), from.secretRef().optional())) {
        return notFound(from.secretRef().name());
      }
    }
    for (EnvVar e : c.envOrEmpty()) {
      SecretKeySelector ref = e.valueFrom() == null ? null : e.valueFrom().secretKeyRef();
      if (ref == null || Boolean.TRUE.equals(ref.optional())) {
        continue;
      }
      Secret secret = get(ref.name());
      if (secret == null) {
        return notFound(ref.name());
      }
      if (!secret.dataOrEmpty().containsKey(ref.key())) {
        return noKey(ref.key(), namespace, ref.name());
      }
    }
    for (Volume v : mountedSecretVolumes(pod, c)) {
      SecretVolumeSource source = v.secret();
      if (Boolean.TRUE.equals(source.optional())) {
        continue;
      }
      Secret secret = get(source.secretName());
      if (secret == null) {
        return "volume \"" + v.name() + "\": " + notFound(source.secretName());
      }
      for (KeyToPath item : source.itemsOrEmpty()) {
        if (!secret.dataOrEmpty().containsKey(item.key())) {
          return "volume \""
              + v.name()
              + "\": "
              + noKey(item.key(), namespace, source.secretName());
        }
      }
    }
    return null;
  }

  private boolean get(String name, Boolean optional) {
    return Boolean.TRUE.equals(optional) || found.containsKey(name);
  }

  private static String notFound(String name) {
    return "secret \"" + name + "\" not found";
  }

  private static String noKey(String key, String namespace, String name) {
    return "couldn't find key " + key + " in Secret " + namespace + "/" + name;
  }
}
