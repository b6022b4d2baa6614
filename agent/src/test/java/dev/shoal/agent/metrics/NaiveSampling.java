package dev.shoal.agent.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference of {@code bench/metrics}: the same readings as {@link Sampling}, read the obvious
 * way: each file opened, read whole as a string, split into lines and closed, every sample.
 */
final class NaiveSampling {

  private final Path proc;
  private final Map<String, UsageWindow> windows = new HashMap<>();
  private final UsageWindow host = new UsageWindow(1000);

  NaiveSampling(Path proc) {
    this.proc = proc;
  }

  NodeSample sample(Map<String, Target> targets, long now) throws IOException {
    List<PodSample> pods = new ArrayList<>();
    for (Map.Entry<String, Target> e : targets.entrySet()) {
      ContainerCgroup c = e.getValue().cgroup();
      String cpu = Files.readString(c.cpuFile()).trim();
      long cpuNanos = c.version() == 1 ? Long.parseLong(cpu) : 1000 * value(cpu, "usage_usec");
      long used = Long.parseLong(Files.readString(c.memoryUsageFile()).trim());
      long inactive = value(Files.readString(c.memoryStatFile()), c.inactiveFileKey());
      UsageWindow w = windows.computeIfAbsent(e.getKey(), k -> new UsageWindow(1000));
      w.add(now, cpuNanos);
      if (w.hasRate()) {
        pods.add(
            new PodSample(
                e.getValue().namespace(),
                e.getValue().pod(),
                now,
                w.coveredMillis(),
                List.of(
                    new ContainerUsage(
                        e.getValue().container(), w.nanoCores(), Math.max(0, used - inactive)))));
      }
    }
    String[] cpu = Files.readAllLines(proc.resolve("stat")).get(0).trim().split("\\s+");
    long busy = 0;
    for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
      busy += Long.parseLong(cpu[i]);
    }
    host.add(now, busy * HostReader.NANOS_PER_TICK);
    String meminfo = Files.readString(proc.resolve("meminfo"));
    long ws =
        value(meminfo, "MemTotal:")
            - value(meminfo, "MemFree:")
            - value(meminfo, "Inactive(file):");
    return new NodeSample("bench", now, host.coveredMillis(), host.nanoCores(), ws * 1024, pods);
  }

  private static long value(String text, String key) {
    for (String line : text.split("\n")) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length >= 2 && parts[0].equals(key)) {
        return Long.parseLong(parts[1]);
      }
    }
    return 0;
  }
}
