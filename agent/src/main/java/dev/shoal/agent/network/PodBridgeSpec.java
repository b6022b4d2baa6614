package dev.shoal.agent.network;

import dev.shoal.overlay.ipam.Cidr;
import dev.shoal.overlay.ipam.PodIpAllocator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine network pods of this node join: a bridge on the node's pod subnet with the gateway at
 * .1, no engine masquerading (Shoal's own rule keeps pod-to-pod traffic unNATed), and an MTU that
 * leaves room for the VXLAN header.
 */
public record PodBridgeSpec(String name, String bridge, Cidr subnet, String gateway, int mtu) {

  public static final String DEFAULT_NAME = "shoal";
  public static final String DEFAULT_BRIDGE = "shoal0";
  public static final int VXLAN_MTU = 1450;

  public static PodBridgeSpec forSubnet(Cidr subnet) {
    return new PodBridgeSpec(
        DEFAULT_NAME, DEFAULT_BRIDGE, subnet, new PodIpAllocator(subnet).gateway(), VXLAN_MTU);
  }

  /** The engine's driver options for the bridge driver. */
  public Map<String, String> driverOptions() {
    Map<String, String> options = new TreeMap<>();
    options.put("com.docker.network.bridge.name", bridge);
    options.put("com.docker.network.bridge.enable_ip_masquerade", "false");
    options.put("com.docker.network.driver.mtu", Integer.toString(mtu));
    return options;
  }
}
