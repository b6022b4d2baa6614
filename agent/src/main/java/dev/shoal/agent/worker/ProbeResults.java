package dev.shoal.agent.worker;

/** What the probes found so far, by engine container ID. */
interface ProbeResults {
  ProbeResults NONE =
      new ProbeResults() {
        @Override
        public boolean livenessFailed(String containerId) {
          return false;
        }

        @Override
        public boolean ready(String containerId) {
          return false;
        }
      };

  /** True once the liveness probe failed {@code failureThreshold} times in a row. */
  boolean livenessFailed(String containerId);

  /**
   * True once the readiness probe succeeded {@code successThreshold} times in a row (and has not
   * failed since).
   */
  boolean ready(String containerId);

  /**
   * Why the readiness probe of a container that is not ready failed last ("HTTP probe failed with
   * ..."), or null.
   */
  default String readinessFailure(String containerId) {
    return null;
  }

  /**
   * Why this node killed the container ("Container app failed liveness probe, will be restarted"),
   * or null.
   */
  default String killReason(String containerId) {
    return null;
  }
}
