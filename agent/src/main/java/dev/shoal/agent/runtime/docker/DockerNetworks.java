package dev.shoal.agent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import dev.shoal.agent.runtime.NetworkSpec;
import dev.shoal.agent.runtime.RuntimeFailure;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bridge networks on the engine (blocking docker-java calls; {@link DockerRuntime} runs them on its
 * pool).
 */
final class DockerNetworks {

  private static final Logger LOG = LoggerFactory.getLogger(DockerNetworks.class);

  private final DockerClient docker;

  DockerNetworks(DockerClient docker) {
    this.docker = docker;
  }

  /**
   * Keeps a network of that name with the same subnet; replaces one with another subnet if no
   * container uses it.
   */
  Void ensure(NetworkSpec spec) {
    Network existing = find(spec.name());
    if (existing != null) {
      String subnet = subnetOf(existing);
      if (spec.subnet().equals(subnet)) {
        return null;
      }
      if (existing.getContainers() != null && !existing.getContainers().isEmpty()) {
        throw new RuntimeFailure(
            RuntimeFailure.Kind.FATAL,
            "network "
                + spec.name()
                + " has subnet "
                + subnet
                + ", not "
                + spec.subnet()
                + ", and containers still use it; remove them or the network");
      }
      LOG.info("replacing network {} ({} -> {})", spec.name(), subnet, spec.subnet());
      docker.removeNetworkCmd(existing.getId()).exec();
    }
    docker
        .createNetworkCmd()
        .withName(spec.name())
        .withDriver("bridge")
        .withCheckDuplicate(true)
        .withIpam(
            new Network.Ipam()
                .withConfig(
                    List.of(
                        new Network.Ipam.Config()
                            .withSubnet(spec.subnet())
                            .withGateway(spec.gateway()))))
        .withOptions(spec.options())
        .exec();
    LOG.info("created network {} on {} (gateway {})", spec.name(), spec.subnet(), spec.gateway());
    return null;
  }

  Void remove(String name) {
    try {
      docker.removeNetworkCmd(name).exec();
    } catch (NotFoundException e) {
      // already gone
    }
    return null;
  }

  private Network find(String name) {
    try {
      Network n = docker.inspectNetworkCmd().withNetworkId(name).exec();
      return name.equals(n.getName()) ? n : null;
    } catch (NotFoundException e) {
      return null;
    }
  }

  private static String subnetOf(Network n) {
    if (n.getIpam() == null
        || n.getIpam().getConfig() == null
        || n.getIpam().getConfig().isEmpty()) {
      return null;
    }
    return n.getIpam().getConfig().get(0).getSubnet();
  }
}
