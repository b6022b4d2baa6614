package dev.shoal.overlay.policy;

import dev.shoal.overlay.nft.Protocol;

/**
 * One box of allowed traffic of a pod in one direction: peers in {@code peers}, with {@code
 * protocol} (null: any protocol, any port) on {@code ports} of the destination, allowed by {@code
 * policy} ({@code namespace/name}).
 */
public record Allowance(String policy, IpRange peers, Protocol protocol, PortRange ports) {

  public boolean allows(long peer, Protocol proto, int port) {
    return peers.contains(peer)
        && (protocol == null || (protocol == proto && ports.contains(port)));
  }
}
