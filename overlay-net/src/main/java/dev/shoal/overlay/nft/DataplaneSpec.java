package dev.shoal.overlay.nft;

import java.util.List;

/**
 * Everything the node's table is planned from: plain values, no I/O.
 *
 * @param podCidr the cluster's pod CIDR: traffic from it to a ClusterIP keeps its source address
 * @param nodeSubnet this node's pod subnet, whose traffic leaving the cluster is masqueraded; null
 *     for none
 * @param nodeAddresses this node's own IPv4 addresses that answer NodePorts (not its ClusterIPs)
 * @param services every service port with a ClusterIP
 */
public record DataplaneSpec(
    String podCidr, String nodeSubnet, List<String> nodeAddresses, List<ServicePortRule> services) {

  public DataplaneSpec {
    nodeAddresses = nodeAddresses.stream().distinct().sorted().toList();
    services = List.copyOf(services);
  }

  public DataplaneSpec withServices(List<ServicePortRule> value) {
    return new DataplaneSpec(podCidr, nodeSubnet, nodeAddresses, value);
  }
}
