/**
 * The cluster store on Hazelcast maps: objects as JSON under string keys, writes as entry
 * processors (atomic per object, compare-and-set on resourceVersion), one cluster-wide version
 * counter and leadership epoch in a meta entry, entry listeners feeding a local replicated view and
 * the watch hub, and a merge policy that keeps the higher resourceVersion after a partition heals.
 * The only store package that imports Hazelcast.
 */
package dev.shoal.agent.store.hazelcast;
