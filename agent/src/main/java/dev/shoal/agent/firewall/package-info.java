/**
 * The node's packet rules outside the service dataplane (which is nftables, in {@code network}):
 * the kernel side of Shoal's own member admission (open-source Hazelcast authenticates no member),
 * of keeping pods away from node ports, and the pod network's masquerade and forwarding.
 *
 * <ul>
 *   <li>{@link dev.shoal.agent.firewall.MemberFirewall}: the Hazelcast port only to and from
 *       admitted member addresses (and loopback); an address taken out loses its established
 *       connections too.
 *   <li>{@link dev.shoal.agent.firewall.PodIsolation}: pods reach neither the agent API nor the
 *       cluster port of any node; DNS, ClusterIPs, pods and other ports stay reachable.
 *   <li>{@link dev.shoal.agent.firewall.MasqueradeRules}, {@link
 *       dev.shoal.agent.firewall.IptablesChain}: the pod network's masquerade and forward chains;
 *       {@link dev.shoal.agent.firewall.BridgeHairpin}: hairpin on the pod bridge's ports, so a pod
 *       reaches itself through its own Service.
 *   <li>{@link dev.shoal.agent.firewall.FirewallCleanup}: removes every chain of this package
 *       ({@code --cleanup}).
 * </ul>
 *
 * Each keeps chains of its own in the filter table, hooked first from a built-in chain. A pass is
 * pure planning ({@code MemberRules}, {@code PodRules} give the wanted chains; {@code ChainPlan}
 * compares them with {@code iptables -S}) and one atomic {@code iptables-restore --noflush} when
 * they differ, so it repairs drift, is cheap to repeat, and never shows the packet path a
 * half-written chain. The same chains go into the IPv6 filter table (loopback-only for the cluster
 * port, bridge rules for pods), so nothing goes round the firewall over IPv6. Works with the
 * nf_tables and the legacy iptables alike ({@link dev.shoal.agent.firewall.Iptables}).
 */
package dev.shoal.agent.firewall;
