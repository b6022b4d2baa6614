/**
 * Service addresses as the API claims them, the same on every node: {@link
 * dev.shoal.agent.addresses.ServiceAddresses} gives a new Service its ClusterIP (an {@code
 * IPAddress} object named by the address: ALREADY_EXISTS means taken) and its NodePorts (one
 * compare-and-set {@code RangeAllocation} record, {@link
 * dev.shoal.agent.addresses.NodePortClaims}), and returns a field error instead of throwing. {@link
 * dev.shoal.agent.addresses.ServiceAddressHooks} runs it on every Service write; {@link
 * dev.shoal.agent.addresses.ServiceCarryOver} keeps the addresses an update leaves out. The
 * leader's {@code ServiceAddressSweeper} (in {@code controllers.network}) repairs the claims.
 */
package dev.shoal.agent.addresses;
