package dev.shoal.agent.firewall;

import java.util.List;

/**
 * What the kernel holds for one {@link ChainSpec}: whether the chain exists, its rules and its
 * parent's rules ({@code -A} lines of {@code iptables -S}, in order).
 */
record ChainState(boolean exists, List<String> rules, List<String> parentRules) {

  ChainState {
    rules = List.copyOf(rules);
    parentRules = List.copyOf(parentRules);
  }

  static ChainState absent(List<String> parentRules) {
    return new ChainState(false, List.of(), parentRules);
  }
}
