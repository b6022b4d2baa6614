package dev.shoal.agent.worker;

import dev.shoal.agent.runtime.ContainerInfo;
import dev.shoal.agent.runtime.ShoalLabels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine has for one pod: its sandbox instances and, per container name, its instances
 * newest first (by restart count, then creation time).
 */
record ObservedPod(List<ContainerInfo> sandboxes, Map<String, List<ContainerInfo>> containers) {

  static final ObservedPod EMPTY = new ObservedPod(List.of(), Map.of());

  private static final Comparator<ContainerInfo> NEWEST_FIRST =
      Comparator.comparingInt(ObservedPod::restartCount)
          .reversed()
          .thenComparing(
              ContainerInfo::createdAt, Comparator.nullsFirst(Comparator.reverseOrder()));

  static ObservedPod of(List<ContainerInfo> all) {
    List<ContainerInfo> sandboxes = new ArrayList<>();
    Map<String, List<ContainerInfo>> byName = new HashMap<>();
    for (ContainerInfo c : all) {
      String name = c.label(ShoalLabels.CONTAINER);
      if (ShoalLabels.SANDBOX.equals(name)) {
        sandboxes.add(c);
      } else if (name != null) {
        byName.computeIfAbsent(name, k -> new ArrayList<>()).add(c);
      }
    }
    sandboxes.sort(NEWEST_FIRST);
    byName.values().forEach(l -> l.sort(NEWEST_FIRST));
    Map<String, List<ContainerInfo>> frozen = new HashMap<>();
    byName.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return new ObservedPod(List.copyOf(sandboxes), Map.copyOf(frozen));
  }

  /** The newest sandbox, or null. */
  ContainerInfo sandbox() {
    return sandboxes.isEmpty() ? null : sandboxes.get(0);
  }

  List<ContainerInfo> instances(String name) {
    return containers.getOrDefault(name, List.of());
  }

  ContainerInfo latest(String name) {
    List<ContainerInfo> l = instances(name);
    return l.isEmpty() ? null : l.get(0);
  }

  ContainerInfo previous(String name) {
    List<ContainerInfo> l = instances(name);
    return l.size() < 2 ? null : l.get(1);
  }

  List<ContainerInfo> all() {
    List<ContainerInfo> all = new ArrayList<>(sandboxes);
    containers.values().forEach(all::addAll);
    return all;
  }

  static int restartCount(ContainerInfo c) {
    try {
      return Integer.parseInt(c.labels().getOrDefault(ShoalLabels.RESTART_COUNT, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
