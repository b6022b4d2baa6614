package dev.shoal.overlay.policy;

import dev.shoal.overlay.nft.Protocol;
import java.util.List;

/**
 * What one pod allows in one direction: isolated when some policy selects it for that direction
 * ({@code policies} non-empty), and then only what {@code allowed} holds.
 */
public record PodPolicy(
    PolicyPod pod, Direction direction, List<String> policies, List<Allowance> allowed) {

  public PodPolicy {
    policies = List.copyOf(policies);
    allowed = List.copyOf(allowed);
  }

  public boolean isolated() {
    return !policies.isEmpty();
  }

  /** The policies that allow traffic with {@code peer} on {@code proto}/{@code port}. */
  public List<String> allowing(long peer, Protocol proto, int port) {
    return allowed.stream()
        .filter(a -> a.allows(peer, proto, port))
        .map(Allowance::policy)
        .distinct()
        .toList();
  }

  public boolean allows(long peer, Protocol proto, int port) {
    return !isolated() || allowed.stream().anyMatch(a -> a.allows(peer, proto, port));
  }
}
