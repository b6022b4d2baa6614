/**
 * The cluster zone as an immutable index from lower-case name to pre-encoded record sets, rebuilt
 * when the {@link dev.shoal.dns.ClusterRecords} generation changes and read lock-free by the event
 * loop.
 */
package dev.shoal.dns.zone;
