/**
 * Leader election: the oldest cluster member that sees a majority leads; on gaining leadership it
 * bumps the fencing epoch in the store and starts the leader-only components (scheduler,
 * controllers), on losing it stops them. No Hazelcast types: membership comes through {@code
 * cluster.Membership}.
 */
package dev.shoal.agent.leader;
