package dev.shoal.agent.metrics;

import io.vertx.core.Future;
import java.util.Map;

/** The containers this node runs for pods right now, by container ID. */
public interface TargetSource {

  /** The current targets; cheap to call every sample (an implementation caches). */
  Future<Map<String, Target>> targets();
}
