/**
 * The cluster network's part of the leader bundle ({@link
 * dev.shoal.agent.controllers.network.NetworkControllers}, started by {@code LeaderControllers}
 * when it has pod subnets): {@link dev.shoal.agent.controllers.network.NodeIpamController} writes
 * each Node's {@code spec.podCIDR} once; {@link
 * dev.shoal.agent.controllers.network.ServiceAddressSweeper} repairs the address claims the API
 * made.
 */
package dev.shoal.agent.controllers.network;
