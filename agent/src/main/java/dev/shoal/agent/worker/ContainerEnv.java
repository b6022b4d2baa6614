package dev.shoal.agent.worker;

import dev.shoal.manifests.model.ConfigMap;
import dev.shoal.manifests.model.ConfigMapKeySelector;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.EnvFromSource;
import dev.shoal.manifests.model.EnvVar;
import dev.shoal.manifests.model.EnvVarSource;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Secret;
import dev.shoal.manifests.model.SecretKeySelector;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A container's environment in kubelet's order: the namespace's service variables, then every
 * {@code envFrom} config map ({@code data} keys) or secret (keys that are not valid variable names
 * are skipped), then {@code env} in order, each value taken from its secret or config map key, the
 * downward API, or expanded against what came before. Absent optional sources and keys set nothing.
 * The map holds secret values: it goes to the engine and nowhere else (never into a log).
 */
final class ContainerEnv {
  private static final Pattern NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

  private ContainerEnv() {}

  static Map<String, String> build(
      Map<String, String> serviceEnv,
      Pod pod,
      Container c,
      ConfigSources sources,
      NodeCapacity node) {
    Map<String, String> env = new LinkedHashMap<>(serviceEnv);
    for (EnvFromSource from : c.envFromOrEmpty()) {
      String prefix = from.prefix() == null ? "" : from.prefix();
      if (from.configMapRef() != null) {
        ConfigMap m = sources.configMap(from.configMapRef().name());
        if (m != null) {
          new TreeMap<>(m.dataOrEmpty()).forEach((key, value) -> put(env, prefix + key, value));
        }
      } else if (from.secretRef() != null) {
        Secret s = sources.secret(from.secretRef().name());
        if (s != null) {
          for (String key : new TreeMap<>(s.dataOrEmpty()).keySet()) {
            byte[] value = s.value(key);
            if (value != null) {
              put(env, prefix + key, new String(value, StandardCharsets.UTF_8));
            }
          }
        }
      }
    }
    for (EnvVar e : c.envOrEmpty()) {
      EnvVarSource from = e.valueFrom();
      if (from == null) {
        env.put(e.name(), e.value() == null ? "" : EnvExpansion.expand(e.value(), env));
        continue;
      }
      String value = value(from, pod, c, sources, node);
      if (value != null) {
        env.put(e.name(), value);
      }
    }
    return env;
  }

  /** The value a {@code valueFrom} gives, or null when its (optional) source has none. */
  private static String value(
      EnvVarSource from, Pod pod, Container c, ConfigSources sources, NodeCapacity node) {
    if (from.fieldRef() != null) {
      return DownwardValues.field(pod, from.fieldRef().fieldPath());
    }
    if (from.resourceFieldRef() != null) {
      return DownwardValues.resource(pod, c, from.resourceFieldRef(), node);
    }
    if (from.configMapKeyRef() != null) {
      ConfigMapKeySelector ref = from.configMapKeyRef();
      ConfigMap m = sources.configMap(ref.name());
      return m == null ? null : m.dataOrEmpty().get(ref.key());
    }
    SecretKeySelector ref = from.secretKeyRef();
    if (ref == null) {
      return null;
    }
    Secret s = sources.secret(ref.name());
    byte[] value = s == null ? null : s.value(ref.key());
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  /** kubelet skips keys that are not valid variable names (and records an event naming them). */
  private static void put(Map<String, String> env, String name, String value) {
    if (NAME.matcher(name).matches()) {
      env.put(name, value);
    }
  }
}
