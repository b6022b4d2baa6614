/**
 * The cluster network in the agent, built on the {@code overlay-net} module.
 *
 * <ul>
 *   <li>Leader ({@link dev.shoal.agent.network.NetworkLeader}, one per term over the fenced store):
 *       {@link dev.shoal.agent.network.NodeIpamController} writes each Node's {@code spec.podCIDR} once;
 *       {@link dev.shoal.agent.network.ServiceAddressSweeper} repairs address claims.</li>
 *   <li>API side: {@link dev.shoal.agent.network.ServiceAddresses} claims a new Service's ClusterIP (an
 *       {@code IPAddress} object named by the address: ALREADY_EXISTS means taken, on every node alike) and
 *       NodePorts (one compare-and-set allocation record), returning a field error instead of throwing.</li>
 *   <li>Every node ({@link dev.shoal.agent.network.NodeNetworking}): {@link dev.shoal.agent.network.PodNetwork}
 *       (engine bridge {@code shoal} on the node's subnet, masquerade and forward chains, {@code ready()} for
 *       the worker), {@link dev.shoal.agent.network.NodeOverlay} (VXLAN routes to other nodes, ClusterIPs on
 *       the service device, drift repair) and {@link dev.shoal.agent.network.NodeDataplane} (the nftables
 *       table {@code inet shoal}: ClusterIP and NodePort DNAT from services and endpoints, a delta applied on
 *       every change, drift repaired).</li>
 *   <li>Pods: {@link dev.shoal.agent.network.ServiceEnv} gives the kubelet's service-link variables.</li>
 * </ul>
 */
package dev.shoal.agent.network;
