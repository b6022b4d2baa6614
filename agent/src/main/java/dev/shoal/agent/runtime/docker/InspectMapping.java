package dev.shoal.agent.runtime.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import dev.shoal.agent.runtime.ContainerInfo;
import dev.shoal.agent.runtime.ContainerSummary;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/** docker-java inspect/list answers to runtime records. */
final class InspectMapping {
  private InspectMapping() {}

  static ContainerInfo info(InspectContainerResponse r) {
    InspectContainerResponse.ContainerState s = r.getState();
    Instant created = time(r.getCreated());
    String name = r.getName() == null ? "" : r.getName().replaceFirst("^/", "");
    return new ContainerInfo(
        r.getId(),
        name,
        r.getConfig() == null ? null : r.getConfig().getImage(),
        r.getImageId(),
        status(s == null ? null : s.getStatus()),
        s == null || s.getExitCodeLong() == null ? 0 : s.getExitCodeLong().intValue(),
        created,
        s == null ? null : time(s.getStartedAt()),
        s == null ? null : time(s.getFinishedAt()),
        s == null || s.getPidLong() == null ? 0 : s.getPidLong(),
        s != null && Boolean.TRUE.equals(s.getOOMKilled()),
        s == null || s.getError() == null || s.getError().isEmpty() ? null : s.getError(),
        ip(r),
        r.getConfig() == null ? Map.of() : r.getConfig().getLabels());
  }

  static ContainerSummary summary(Container c) {
    return new ContainerSummary(c.getId(), "running".equalsIgnoreCase(c.getState()), c.getLabels());
  }

  static ContainerInfo.Status status(String s) {
    if (s == null) {
      return ContainerInfo.Status.UNKNOWN;
    }
    try {
      return ContainerInfo.Status.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return ContainerInfo.Status.UNKNOWN;
    }
  }

  /** Docker's timestamps, with its zero time ("0001-01-01T00:00:00Z") as null. */
  static Instant time(String s) {
    if (s == null || s.isEmpty() || s.startsWith("0001-")) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String ip(InspectContainerResponse r) {
    if (r.getNetworkSettings() == null || r.getNetworkSettings().getNetworks() == null) {
      return null;
    }
    for (ContainerNetwork n : r.getNetworkSettings().getNetworks().values()) {
      if (n.getIpAddress() != null && !n.getIpAddress().isEmpty()) {
        return n.getIpAddress();
      }
    }
    return null;
  }
}
