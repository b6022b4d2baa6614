package dev.shoal.agent.runtime;

import java.util.Map;

/** One row of a container listing: enough to group containers by pod without inspecting each. */
public record ContainerSummary(String id, boolean running, Map<String, String> labels) {

  public ContainerSummary {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  public String label(String key) {
    return labels.get(key);
  }
}
