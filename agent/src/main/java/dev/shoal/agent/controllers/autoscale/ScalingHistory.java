package dev.shoal.agent.controllers.autoscale;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one autoscaler remembers between evaluations, as upstream keeps it per key: its recent
 * recommendations (for the stabilization windows) and its recent scale changes in each direction
 * (for the rate policies). Old entries are overwritten in place rather than removed, as upstream.
 * Not thread-safe: the controller syncs one key at a time.
 */
public final class ScalingHistory {
  /** One unstabilized recommendation. */
  record Recommendation(int replicas, Instant at) {}

  /** One scale change of {@code change} replicas (always positive). */
  static final class ScaleEvent {
    final int change;
    final Instant at;
    boolean outdated;

    ScaleEvent(int change, Instant at) {
      this.change = change;
      this.at = at;
    }
  }

  final List<Recommendation> recommendations = new ArrayList<>();
  final List<ScaleEvent> scaleUps = new ArrayList<>();
  final List<ScaleEvent> scaleDowns = new ArrayList<>();
}
