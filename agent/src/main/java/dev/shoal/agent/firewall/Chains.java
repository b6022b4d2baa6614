package dev.shoal.agent.firewall;

import java.util.List;

/** The chains one part of the firewall wants in the IPv4 and in the IPv6 filter table. */
record Chains(List<ChainSpec> ipv4, List<ChainSpec> ipv6) {

  Chains {
    ipv4 = List.copyOf(ipv4);
    ipv6 = List.copyOf(ipv6);
  }
}
