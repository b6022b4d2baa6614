package dev.shoal.agent.network;

import io.vertx.core.Future;

/**
 * Creates and removes the engine network pods join. The agent implements it over its container
 * runtime; tests may use a fake.
 */
public interface PodBridges {

  /**
   * Creates the network, or keeps it if it has this subnet; replaces one with another subnet when
   * empty.
   */
  Future<Void> ensure(PodBridgeSpec spec);

  /** Removes the network; absent is fine. */
  Future<Void> remove(String name);
}
