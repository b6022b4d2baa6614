package dev.shoal.agent.runtime;

import java.util.List;
import java.util.Map;

/**
 * An application or init container that joins a sandbox.
 *
 * @param entrypoint replaces the image's ENTRYPOINT when not null (Kubernetes {@code command})
 * @param cmd replaces the image's CMD when not null (Kubernetes {@code args})
 * @param env variables in order, already expanded
 * @param nanoCpus CPU limit in billionths of a CPU, or null for none
 * @param memoryBytes memory limit in bytes, or null for none
 */
public record ContainerSpec(
    String name,
    String sandboxId,
    String image,
    List<String> entrypoint,
    List<String> cmd,
    Map<String, String> env,
    String workingDir,
    Long nanoCpus,
    Long memoryBytes,
    List<BindMount> binds,
    Map<String, String> labels) {

  public ContainerSpec {
    entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
    cmd = cmd == null ? null : List.copyOf(cmd);
    env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
    binds = binds == null ? List.of() : List.copyOf(binds);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
