package dev.shoal.dns;

import java.util.Collection;

/**
 * The read interface the responder answers from. The agent implements it over its locally
 * replicated view of services, endpoints and pods; the responder never calls it on a query, only
 * when {@link #generation()} changes, from its own index thread (so implementations must be
 * thread-safe and should return snapshots).
 */
public interface ClusterRecords {

  /**
   * A number that changes whenever any service, endpoint set or pod changes. Called often; keep it
   * cheap.
   */
  long generation();

  Collection<ServiceEntry> services();

  /** The endpoints of one service; empty when it has none. */
  Collection<EndpointEntry> endpoints(String namespace, String service);

  Collection<PodEntry> pods();
}
