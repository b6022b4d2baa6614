/**
 * Cluster membership: the embedded Hazelcast member every agent runs (TCP-IP join by seed list,
 * failure detection tuned for seconds), who is in the cluster, and whether this side of a partition
 * holds a majority. Hazelcast types stop here and in {@code store.hazelcast}.
 */
package dev.shoal.agent.cluster;
