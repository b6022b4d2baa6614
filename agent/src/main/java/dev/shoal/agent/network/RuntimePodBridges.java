package dev.shoal.agent.network;

import dev.shoal.agent.runtime.ContainerRuntime;
import dev.shoal.agent.runtime.NetworkSpec;
import io.vertx.core.Future;

/** {@link PodBridges} on the agent's container runtime (the Docker engine). */
public final class RuntimePodBridges implements PodBridges {

  private final ContainerRuntime runtime;

  public RuntimePodBridges(ContainerRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public Future<Void> ensure(PodBridgeSpec spec) {
    return runtime.ensureNetwork(
        new NetworkSpec(
            spec.name(), spec.subnet().toString(), spec.gateway(), spec.driverOptions()));
  }

  @Override
  public Future<Void> remove(String name) {
    return runtime.removeNetwork(name);
  }
}
