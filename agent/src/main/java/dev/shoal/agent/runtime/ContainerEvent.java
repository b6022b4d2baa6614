package dev.shoal.agent.runtime;

import java.util.Map;

/** The engine saw a Shoal container start or die. */
public record ContainerEvent(String containerId, String action, Map<String, String> labels) {
  public ContainerEvent {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
