/**
 * The node's dataplane, on every node, built on the {@code overlay-net} module ({@link
 * dev.shoal.agent.network.NodeNetworking} starts and stops it as one):
 *
 * <ul>
 *   <li>{@link dev.shoal.agent.network.PodNetwork}: the engine bridge {@code shoal} on the subnet
 *       the leader gave this node (its masquerade and forward rules are in {@code firewall}),
 *       {@code ready()} for the worker.
 *   <li>{@link dev.shoal.agent.network.NodeOverlay}: VXLAN routes to the other nodes, ClusterIPs on
 *       the service device, and drift repair ({@link dev.shoal.agent.network.KernelDeletions}
 *       follows what someone removes by hand).
 *   <li>{@link dev.shoal.agent.network.NodeDataplane}: the nftables table {@code inet shoal},
 *       ClusterIP and NodePort DNAT from Services and Endpoints ({@link
 *       dev.shoal.agent.network.ServicePortRules}), a delta applied on every change, stale UDP
 *       conntrack entries flushed ({@link dev.shoal.agent.network.UdpConntrack}), drift repaired.
 *   <li>{@link dev.shoal.agent.network.NodePolicies}: NetworkPolicy enforcement for this node's
 *       pods, a part of the same table ({@link dev.shoal.agent.network.TablePart}) planned from
 *       Policies, Pods and Namespaces ({@link dev.shoal.agent.network.PolicyState}), and the pod
 *       worker's gate: a new pod is in the rules before its containers start.
 * </ul>
 *
 * The cluster-wide halves live elsewhere: address claims made by the API in {@code addresses}, the
 * leader's node IPAM and address sweeper in {@code controllers.network}.
 */
package dev.shoal.agent.network;
