package dev.shoal.e2e;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the tests look at in a Pod.
 *
 * @param name metadata.name
 * @param uid metadata.uid
 * @param node spec.nodeName ("" while unscheduled)
 * @param phase status.phase ("" before the first status)
 * @param ready the Ready condition is True
 * @param terminating metadata.deletionTimestamp is set
 * @param restarts sum of the containers' restartCount
 */
public record PodView(
    String name,
    String uid,
    String node,
    String phase,
    boolean ready,
    boolean terminating,
    int restarts) {

  static PodView of(JsonNode pod) {
    boolean ready = false;
    for (JsonNode condition : pod.path("status").path("conditions")) {
      if (condition.path("type").asText().equals("Ready")
          && condition.path("status").asText().equals("True")) {
        ready = true;
      }
    }
    int restarts = 0;
    for (JsonNode container : pod.path("status").path("containerStatuses")) {
      restarts += container.path("restartCount").asInt();
    }
    return new PodView(
        pod.path("metadata").path("name").asText(),
        pod.path("metadata").path("uid").asText(),
        pod.path("spec").path("nodeName").asText(""),
        pod.path("status").path("phase").asText(""),
        ready,
        pod.path("metadata").hasNonNull("deletionTimestamp"),
        restarts);
  }

  /** Running, Ready and not being deleted. */
  public boolean serving() {
    return phase.equals("Running") && ready && !terminating;
  }
}
