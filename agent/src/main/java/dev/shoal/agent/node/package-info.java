/**
 * Node registration: each agent keeps its own Node object in the store (addresses, labels,
 * capacity, a Ready condition with a heartbeat every second) and reports members that left the
 * cluster to whoever handles node lifecycle.
 */
package dev.shoal.agent.node;
