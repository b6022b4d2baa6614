package dev.shoal.agent.leader;

import io.vertx.core.Future;

/** Something only the leader runs, such as the scheduler or a controller. */
public interface LeaderComponent {

  Future<Void> start();

  Future<Void> stop();

  /**
   * Makes a fresh component for each term of leadership, given that term's epoch; typically it
   * writes through {@code store.fenced(epoch)} so its writes fail once another member leads.
   */
  @FunctionalInterface
  interface Factory {
    LeaderComponent create(long epoch);
  }
}
