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
 * @param security privileges (never null; {@link ContainerSecurity#DEFAULT} for the engine's
 *     defaults)
 *     <p>{@link #toString()} leaves the environment's values out: they may hold secrets.
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
    Map<String, String> labels,
    ContainerSecurity security) {

  /** A container with the engine's default privileges. */
  public ContainerSpec(
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
    this(
        name,
        sandboxId,
        image,
        entrypoint,
        cmd,
        env,
        workingDir,
        nanoCpus,
        memoryBytes,
        binds,
        labels,
        ContainerSecurity.DEFAULT);
  }

  public ContainerSpec {
    security = security == null ? ContainerSecurity.DEFAULT : security;
    entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
    cmd = cmd == null ? null : List.copyOf(cmd);
    env =
        env == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
    binds = binds == null ? List.of() : List.copyOf(binds);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** The same container with another environment, entrypoint and command (resolved at start). */
  public ContainerSpec withEnv(
      Map<String, String> value, List<String> newEntrypoint, List<String> newCmd) {
    return new ContainerSpec(
        name,
        sandboxId,
        image,
        newEntrypoint,
        newCmd,
        value,
        workingDir,
        nanoCpus,
        memoryBytes,
        binds,
        labels,
        security);
  }

  @Override
  public String toString() {
    return "ContainerSpec[name="
        + name
        + ", image="
        + image
        + ", env names="
        + env.keySet()
        + ", binds="
        + binds
        + ", security="
        + security
        + "]";
  }
}
