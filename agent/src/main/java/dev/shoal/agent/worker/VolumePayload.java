package dev.shoal.agent.worker;

import dev.shoal.manifests.model.ConfigMap;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.DownwardAPIVolumeFile;
import dev.shoal.manifests.model.KeyToPath;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Secret;
import dev.shoal.manifests.model.SecretVolumeSource;
import dev.shoal.manifests.model.Volume;
import dev.shoal.manifests.model.VolumeProjection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The files of a volume the node writes, computed from the pod and the sources read for it (pure):
 * a secret's or a config map's keys (every key, or only the listed items), downward API files, or a
 * projected volume's sources in order. A file's mode is its item's, else the volume's {@code
 * defaultMode}, else 0644 as in Kubernetes. An absent optional source gives no files.
 */
final class VolumePayload {
  static final int DEFAULT_MODE = 0644;

  private VolumePayload() {}

  /** Path (relative to the volume) to file. */
  static Map<String, VolumeFile> files(
      Volume v, Pod pod, ConfigSources sources, NodeCapacity node) {
    Map<String, VolumeFile> files = new TreeMap<>();
    if (v.secret() != null) {
      int mode = orDefault(v.secret().defaultMode(), DEFAULT_MODE);
      files.putAll(secret(v.secret(), sources.secret(v.secret().secretName())));
    } else if (v.configMap() != null) {
      int mode = orDefault(v.configMap().defaultMode(), DEFAULT_MODE);
      ConfigMap m = sources.configMap(v.configMap().name());
      keys(
          files,
          v.configMap().itemsOrEmpty(),
          mode,
          m == null ? null : mapKeys(m),
          k -> m.value(k));
    } else if (v.downwardAPI() != null) {
      int mode = orDefault(v.downwardAPI().defaultMode(), DEFAULT_MODE);
      downward(files, v.downwardAPI().itemsOrEmpty(), mode, pod, node);
    } else if (v.projected() != null) {
      int mode = orDefault(v.projected().defaultMode(), DEFAULT_MODE);
      for (VolumeProjection p : v.projected().sourcesOrEmpty()) {
        if (p.secret() != null) {
          Secret s = sources.secret(p.secret().name());
          keys(
              files,
              p.secret().itemsOrEmpty(),
              mode,
              s == null ? null : secretKeys(s),
              k -> s.value(k));
        } else if (p.configMap() != null) {
          ConfigMap m = sources.configMap(p.configMap().name());
          keys(
              files,
              p.configMap().itemsOrEmpty(),
              mode,
              m == null ? null : mapKeys(m),
              k -> m.value(k));
        } else if (p.downwardAPI() != null) {
          downward(files, p.downwardAPI().itemsOrEmpty(), mode, pod, node);
        }
      }
    }
    return files;
  }

  /** The files of a secret volume; a null secret (absent, optional) gives none. */
  static Map<String, VolumeFile> secret(SecretVolumeSource source, Secret secret) {
    Map<String, VolumeFile> files = new TreeMap<>();
    int mode = orDefault(source.defaultMode(), DEFAULT_MODE);
    keys(
        files,
        source.itemsOrEmpty(),
        mode,
        secret == null ? null : secretKeys(secret),
        k -> secret.value(k));
    return files;
  }

  /**
   * Why the volume's files cannot be written (a required source or listed key is missing), in
   * kubelet's words, or null.
   */
  static String problem(Volume v, String namespace, ConfigSources sources) {
    if (v.secret() != null) {
      return secretProblem(
          v.secret().secretName(),
          v.secret().itemsOrEmpty(),
          v.secret().optional(),
          namespace,
          sources);
    }
    if (v.configMap() != null) {
      return configMapProblem(
          v.configMap().name(),
          v.configMap().itemsOrEmpty(),
          v.configMap().optional(),
          namespace,
          sources);
    }
    if (v.projected() != null) {
      for (VolumeProjection p : v.projected().sourcesOrEmpty()) {
        String problem =
            p.secret() != null
                ? secretProblem(
                    p.secret().name(),
                    p.secret().itemsOrEmpty(),
                    p.secret().optional(),
                    namespace,
                    sources)
                : p.configMap() != null
                    ? configMapProblem(
                        p.configMap().name(),
                        p.configMap().itemsOrEmpty(),
                        p.configMap().optional(),
                        namespace,
                        sources)
                    : null;
        if (problem != null) {
          return problem;
        }
      }
    }
    return null;
  }

  private static String secretProblem(
      String name, List<KeyToPath> items, Boolean optional, String ns, ConfigSources sources) {
    if (Boolean.TRUE.equals(optional)) {
      return null;
    }
    Secret s = sources.secret(name);
    return s == null
        ? ConfigSources.secretNotFound(name)
        : ConfigSources.missingItem(items, s.dataOrEmpty()::containsKey, Secret.KIND, ns, name);
  }

  private static String configMapProblem(
      String name, List<KeyToPath> items, Boolean optional, String ns, ConfigSources sources) {
    if (Boolean.TRUE.equals(optional)) {
      return null;
    }
    ConfigMap m = sources.configMap(name);
    return m == null
        ? ConfigSources.configMapNotFound(name)
        : ConfigSources.missingItem(items, m::hasKey, ConfigMap.KIND, ns, name);
  }

  private static List<String> secretKeys(Secret s) {
    return List.copyOf(s.dataOrEmpty().keySet());
  }

  private static List<String> mapKeys(ConfigMap m) {
    List<String> keys = new java.util.ArrayList<>(m.dataOrEmpty().keySet());
    keys.addAll(m.binaryDataOrEmpty().keySet());
    return keys;
  }

  /** {@code keys} null: the source is absent (optional), so it gives nothing. */
  private static void keys(
      Map<String, VolumeFile> files,
      List<KeyToPath> items,
      int defaultMode,
      List<String> keys,
      Function<String, byte[]> value) {
    if (keys == null) {
      return;
    }
    if (items.isEmpty()) {
      for (String key : keys) {
        byte[] bytes = value.apply(key);
        if (bytes != null) {
          files.put(key, new VolumeFile(bytes, defaultMode));
        }
      }
      return;
    }
    for (KeyToPath item : items) {
      byte[] bytes = value.apply(item.key());
      if (bytes != null) {
        files.put(item.path(), new VolumeFile(bytes, orDefault(item.mode(), defaultMode)));
      }
    }
  }

  private static void downward(
      Map<String, VolumeFile> files,
      List<DownwardAPIVolumeFile> items,
      int defaultMode,
      Pod pod,
      NodeCapacity node) {
    for (DownwardAPIVolumeFile item : items) {
      String text;
      if (item.fieldRef() != null) {
        text = DownwardValues.field(pod, item.fieldRef().fieldPath());
      } else if (item.resourceFieldRef() != null) {
        Container self = pod.spec().containersOrEmpty().get(0);
        text = DownwardValues.resource(pod, self, item.resourceFieldRef(), node);
      } else {
        continue;
      }
      files.put(
          item.path(),
          new VolumeFile(
              text.getBytes(StandardCharsets.UTF_8), orDefault(item.mode(), defaultMode)));
    }
  }

  private static int orDefault(Integer mode, int fallback) {
    return mode == null ? fallback : mode;
  }
}
