package dev.shoal.agent.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * A container as the engine reports it.
 *
 * @param imageId the engine's ID of the image the container runs ({@code sha256:...})
 * @param exitCode meaningful once {@code status} is {@link Status#EXITED} (or a failed start)
 * @param startedAt null when the container never started
 * @param finishedAt null while it runs or if it never started
 * @param error the engine's message for a failed start, or null
 * @param ipAddress the container's address on {@code network} given to inspect, or null
 */
public record ContainerInfo(
    String id,
    String name,
    String image,
    String imageId,
    Status status,
    int exitCode,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    long pid,
    boolean oomKilled,
    String error,
    String ipAddress,
    Map<String, String> labels) {

  public enum Status {
    CREATED,
    RUNNING,
    PAUSED,
    RESTARTING,
    REMOVING,
    EXITED,
    DEAD,
    UNKNOWN
  }

  public ContainerInfo {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  public boolean running() {
    return status == Status.RUNNING;
  }

  public String label(String key) {
    return labels.get(key);
  }
}
