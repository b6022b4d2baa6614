/**
 * The cluster store: every API object under a key, resource versions, optimistic concurrency and
 * watch streams. {@link dev.shoal.agent.store.ClusterStore} is the only way the rest of the agent
 * reads or writes state; implementations differ in where the objects live. {@link
 * dev.shoal.agent.store.LocalView} is a node's in-memory replica for hot-path readers, {@link
 * dev.shoal.agent.store.DiskCopy} its on-disk copy for whole-cluster restarts (Secrets sealed with
 * the node's {@link dev.shoal.agent.store.AtRestKey}, unreadable files set aside), {@link
 * dev.shoal.agent.store.SecretSeal} keeps Secret values sealed in the shared store, and {@link
 * dev.shoal.agent.store.LeaderEpochs} with {@link dev.shoal.agent.store.ClusterStore#fenced(long)}
 * refuse a deposed leader's writes.
 */
package dev.shoal.agent.store;
