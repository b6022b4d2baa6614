package dev.shoal.agent.worker;

import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.EnvFromSource;
import dev.shoal.manifests.model.EnvVar;
import dev.shoal.manifests.model.Secret;
import dev.shoal.manifests.model.SecretKeySelector;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A container's environment in kubelet's order: the namespace's service variables, then every
 * {@code envFrom} secret (keys that are not valid variable names are skipped), then {@code env} in
 * order, each value taken from its secret or expanded against what came before. Absent optional
 * secrets and keys set nothing. The map holds secret values: it goes to the engine and nowhere else
 * (never into a log).
 */
final class ContainerEnv {
  private static final Pattern NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

  private ContainerEnv() {}

  static Map<String, String> build(Map<String, String> serviceEnv, Container c, SecretSet secrets) {
    Map<String, String> env = new LinkedHashMap<>(serviceEnv);
    for (EnvFromSource from : c.envFromOrEmpty()) {
      Secret secret = from.secretRef() == null ? null : secrets.get(from.secretRef().name());
      if (secret == null) {
        continue;
      }
      String prefix = from.prefix() == null ? "" : from.prefix();
      for (String key : new TreeMap<>(secret.dataOrEmpty()).keySet()) {
        String name = prefix + key;
        byte[] value = secret.value(key);
        if (NAME.matcher(name).matches() && value != null) {
          env.put(name, new String(value, StandardCharsets.UTF_8));
        }
      }
    }
    for (EnvVar e : c.envOrEmpty()) {
      SecretKeySelector ref = e.valueFrom() == null ? null : e.valueFrom().secretKeyRef();
      if (ref == null) {
        env.put(e.name(), e.value() == null ? "" : EnvExpansion.expand(e.value(), env));
        continue;
      }
      Secret secret = secrets.get(ref.name());
      byte[] value = secret == null ? null : secret.value(ref.key());
      if (value != null) {
        env.put(e.name(), new String(value, StandardCharsets.UTF_8));
      }
    }
    return env;
  }
}
