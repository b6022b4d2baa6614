/**
 * Member admission. Open-source Hazelcast lets anyone who reaches its port join, so Shoal decides
 * who may: before its member starts, a node proves to each seed that it knows the cluster's join
 * secret (an HMAC bound to its own address, over the TLS API) and the seed proves the same back.
 * Each side then lets the other's address through its firewall to the cluster port. Once in, a node
 * records its admission on its Node object ({@code shoal.dev/admitted-address}), so every node lets
 * it in; deleting the Node object shuts it out again.
 */
package dev.shoal.agent.join;
