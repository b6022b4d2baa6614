package dev.shoal.agent.store;

/** The store contract against the in-memory store. */
class InMemoryStoreTest extends ClusterStoreContract {

  @Override
  protected ClusterStore newStore(int historyLimit) {
    return new InMemoryStore(java.time.Clock.systemUTC(), historyLimit);
  }
}
