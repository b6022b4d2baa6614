package dev.shoal.agent.worker;

import dev.shoal.manifests.model.ConfigMap;
import dev.shoal.manifests.model.ConfigMapKeySelector;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.EnvFromSource;
import dev.shoal.manifests.model.EnvVar;
import dev.shoal.manifests.model.KeyToPath;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Secret;
import dev.shoal.manifests.model.SecretKeySelector;
import dev.shoal.manifests.model.Volume;
import dev.shoal.manifests.model.VolumeMount;
import dev.shoal.manifests.model.VolumeProjection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Secrets and ConfigMaps one container start (or one volume refresh) needs, as read from the
 * cluster (a name missing from a map does not exist), and the Kubernetes judgement of whether the
 * container may start with them.
 */
record ConfigSources(Map<String, Secret> secrets, Map<String, ConfigMap> configMaps) {
  static final ConfigSources NONE = new ConfigSources(Map.of(), Map.of());

  /** The waiting reason of a container whose secrets or config maps are missing, as kubelet's. */
  static final String CONFIG_ERROR = "CreateContainerConfigError";

  /** The names of the Secrets and of the ConfigMaps something refers to. */
  record Names(Set<String> secrets, Set<String> configMaps) {
    boolean isEmpty() {
      return secrets.isEmpty() && configMaps.isEmpty();
    }

    /** Whether these names include {@code name} of {@code kind} (Secret or ConfigMap). */
    boolean includes(String kind, String name) {
      return Secret.KIND.equals(kind) ? secrets.contains(name) : configMaps.contains(name);
    }
  }

  ConfigSources {
    secrets = Map.copyOf(secrets);
    configMaps = Map.copyOf(configMaps);
  }

  Secret secret(String name) {
    return secrets.get(name);
  }

  ConfigMap configMap(String name) {
    return configMaps.get(name);
  }

  /** Everything the container refers to: its env, envFrom and the file volumes it mounts. */
  static Names namesFor(Pod pod, Container c) {
    Set<String> secrets = new LinkedHashSet<>();
    Set<String> configMaps = new LinkedHashSet<>();
    for (EnvFromSource from : c.envFromOrEmpty()) {
      if (from.secretRef() != null && from.secretRef().name() != null) {
        secrets.add(from.secretRef().name());
      }
      if (from.configMapRef() != null && from.configMapRef().name() != null) {
        configMaps.add(from.configMapRef().name());
      }
    }
    for (EnvVar e : c.envOrEmpty()) {
      if (e.valueFrom() == null) {
        continue;
      }
      if (e.valueFrom().secretKeyRef() != null && e.valueFrom().secretKeyRef().name() != null) {
        secrets.add(e.valueFrom().secretKeyRef().name());
      }
      if (e.valueFrom().configMapKeyRef() != null
          && e.valueFrom().configMapKeyRef().name() != null) {
        configMaps.add(e.valueFrom().configMapKeyRef().name());
      }
    }
    Names volumes = namesFor(mountedFileVolumes(pod, c));
    secrets.addAll(volumes.secrets());
    configMaps.addAll(volumes.configMaps());
    return new Names(secrets, configMaps);
  }

  /** The Secrets and ConfigMaps these volumes' files come from. */
  static Names namesFor(List<Volume> volumes) {
    Set<String> secrets = new LinkedHashSet<>();
    Set<String> configMaps = new LinkedHashSet<>();
    for (Volume v : volumes) {
      if (v.secret() != null && v.secret().secretName() != null) {
        secrets.add(v.secret().secretName());
      }
      if (v.configMap() != null && v.configMap().name() != null) {
        configMaps.add(v.configMap().name());
      }
      if (v.projected() != null) {
        for (VolumeProjection p : v.projected().sourcesOrEmpty()) {
          if (p.secret() != null && p.secret().name() != null) {
            secrets.add(p.secret().name());
          }
          if (p.configMap() != null && p.configMap().name() != null) {
            configMaps.add(p.configMap().name());
          }
        }
      }
    }
    return new Names(secrets, configMaps);
  }

  /** The pod's volumes whose files the node writes (secret, configMap, projected, downwardAPI). */
  static List<Volume> fileVolumes(Pod pod) {
    return pod.spec().volumesOrEmpty().stream().filter(Volume::isWrittenByNode).toList();
  }

  /** The pod's file volumes this container mounts. */
  static List<Volume> mountedFileVolumes(Pod pod, Container c) {
    List<String> mounted =
        c.volumeMounts() == null
            ? List.of()
            : c.volumeMounts().stream().map(VolumeMount::name).toList();
    return fileVolumes(pod).stream().filter(v -> mounted.contains(v.name())).toList();
  }

  /**
   * Why the container cannot start yet, in kubelet's words ({@code secret "db" not found}, {@code
   * configmap "app" not found}, {@code couldn't find key password in Secret ns/db}), or null when
   * every source and key it needs is there or optional.
   */
  String problem(Pod pod, Container c) {
    String namespace = pod.metadata().namespace();
    for (EnvFromSource from : c.envFromOrEmpty()) {
      if (from.configMapRef() != null
          && !Boolean.TRUE.equals(from.configMapRef().optional())
          && configMap(from.configMapRef().name()) == null) {
        return configMapNotFound(from.configMapRef().name());
      }
      if (from.secretRef() != null
          && !Boolean.TRUE.equals(from.secretRef().optional())
          && secret(from.secretRef().name()) == null) {
        return secretNotFound(from.secretRef().name());
      }
    }
    for (EnvVar e : c.envOrEmpty()) {
      String problem = e.valueFrom() == null ? null : envProblem(e, namespace);
      if (problem != null) {
        return problem;
      }
    }
    for (Volume v : mountedFileVolumes(pod, c)) {
      String problem = VolumePayload.problem(v, namespace, this);
      if (problem != null) {
        return "volume \"" + v.name() + "\": " + problem;
      }
    }
    return null;
  }

  private String envProblem(EnvVar e, String namespace) {
    SecretKeySelector s = e.valueFrom().secretKeyRef();
    if (s != null && !Boolean.TRUE.equals(s.optional())) {
      Secret secret = secret(s.name());
      if (secret == null) {
        return secretNotFound(s.name());
      }
      if (!secret.dataOrEmpty().containsKey(s.key())) {
        return noKey(s.key(), Secret.KIND, namespace, s.name());
      }
    }
    ConfigMapKeySelector m = e.valueFrom().configMapKeyRef();
    if (m != null && !Boolean.TRUE.equals(m.optional())) {
      ConfigMap configMap = configMap(m.name());
      if (configMap == null) {
        return configMapNotFound(m.name());
      }
      if (!configMap.dataOrEmpty().containsKey(m.key())) {
        return noKey(m.key(), ConfigMap.KIND, namespace, m.name());
      }
    }
    return null;
  }

  /** The first item whose key {@code present} does not hold, as a missing-key problem. */
  static String missingItem(
      List<KeyToPath> items,
      java.util.function.Predicate<String> present,
      String kind,
      String namespace,
      String name) {
    for (KeyToPath item : items) {
      if (!present.test(item.key())) {
        return noKey(item.key(), kind, namespace, name);
      }
    }
    return null;
  }

  static String secretNotFound(String name) {
    return "secret \"" + name + "\" not found";
  }

  static String configMapNotFound(String name) {
    return "configmap \"" + name + "\" not found";
  }

  private static String noKey(String key, String kind, String namespace, String name) {
    return "couldn't find key " + key + " in " + kind + " " + namespace + "/" + name;
  }
}
