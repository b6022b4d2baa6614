/**
 * The cluster store: every API object under a key, resource versions, optimistic concurrency and
 * watch streams. {@link dev.shoal.agent.store.ClusterStore} is the only way the rest of the agent reads
 * or writes state; implementations differ in where the objects live.
 */
package dev.shoal.agent.store;
