package dev.shoal.agent.store;

import io.vertx.core.Future;

/**
 * The leadership epoch kept in the store: a new leader bumps it before acting, and writes made
 * through {@link ClusterStore#fenced(long)} with an older epoch are refused with {@link
 * StoreException.Reason#FENCED}.
 */
public interface LeaderEpochs {

  /** Atomically raises the epoch by one and returns the new value. */
  Future<Long> bumpEpoch();

  Future<Long> currentEpoch();
}
