package dev.shoal.agent.metrics;

import dev.shoal.manifests.codec.Json;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/metrics}: the CPU one sample of {@code containers} containers costs, on this host's
 * real cgroup files. It makes that many empty cgroups of its own (under {@code shoal-bench-PID} in
 * the cpuacct and memory hierarchies on v1, the unified one on v2; removed at the end), so no
 * container has to run, and measures the sampling thread's CPU time over {@code samples} samples
 * after as many for warm-up: Shoal's {@link Sampling} (files kept open, one pread each, numbers
 * parsed from bytes) plus the JSON of the {@link NodeSample} it shares, against a naive reader in
 * the same run that opens, reads and closes each file as a string and splits it into lines. At one
 * sample a second (the default), CPU ms per sample is ms of CPU per second. Ends with {@code RESULT
 * metrics <ms/s for the containers> ms/s ref=<naive> ratio=<...>}.
 */
public final class MetricsBench {

  public static void main(String[] args) throws Exception {
    int containers = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    CgroupLayout layout =
        CgroupLayout.detect(
            CgroupLayout.CGROUPFS, "", Files.readString(Path.of("/proc/self/mountinfo")));
    String parent = "/shoal-bench-" + ProcessHandle.current().pid();
    List<Path> made = new ArrayList<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> remove(made)));
    try {
      Map<String, Target> targets = new LinkedHashMap<>();
      for (int i = 0; i < containers; i++) {
        String path = parent + "/c" + i;
        ContainerCgroup cgroup =
            new ContainerCgroup(
                layout.version(), layout.cpu().directory(path), layout.memory().directory(path));
        make(layout, parent, cgroup, made);
        targets.put("c" + i, new Target("bench", "pod-" + i, "app", cgroup));
      }
      System.out.printf(
          "cgroup v%d, %d containers (%d cgroup directories made), %d samples after %d warm-up%n",
          layout.version(), containers, made.size(), samples, samples);
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      Path proc = Path.of("/proc");
      double shoal;
      try (Sampling sampling = new Sampling("bench", proc, 1000)) {
        shoal = perSample(threads, samples, t -> shared(sampling.sample(targets, t)));
        if (sampling.trackedCount() != containers) {
          throw new IllegalStateException("read " + sampling.trackedCount() + " containers");
        }
      }
      NaiveSampling naive = new NaiveSampling(proc);
      double reference = perSample(threads, samples, t -> shared(naive.sample(targets, t)));
      System.out.printf("%-46s %10s%n", "reader", "cpu ms/sample");
      System.out.printf("%-46s %10.3f%n", "shoal (open files, pread, bytes)", shoal);
      System.out.printf("%-46s %10.3f%n", "naive (open, read string, split, close)", reference);
      System.out.printf(
          "per container: shoal %.1f us, naive %.1f us; at 1 sample/s shoal takes %.2f%% of a"
              + " core%n",
          shoal * 1000 / containers, reference * 1000 / containers, shoal / 10);
      System.out.printf(
          "RESULT metrics %.3f ms/s ref=%.3f ratio=%.3f%n", shoal, reference, shoal / reference);
    } finally {
      remove(made);
    }
  }

  private interface Sample {
    int run(long atMillis) throws Exception;
  }

  /** The sample as shared: its JSON, as the Hazelcast share writes it. */
  private static int shared(NodeSample sample) {
    try {
      return Json.mapper().writeValueAsBytes(sample).length;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Thread CPU ms per sample over {@code samples}, after as many for warm-up (the JIT). */
  private static double perSample(ThreadMXBean threads, int samples, Sample sample)
      throws Exception {
    long t = System.currentTimeMillis();
    long sink = 0;
    for (int i = 0; i < samples; i++) {
      sink += sample.run(t += 1000);
    }
    long start = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < samples; i++) {
      sink += sample.run(t += 1000);
    }
    long used = threads.getCurrentThreadCpuTime() - start;
    if (sink == 0) {
      throw new IllegalStateException("nothing was shared");
    }
    return used / 1e6 / samples;
  }

  private static void make(CgroupLayout layout, String parent, ContainerCgroup c, List<Path> made)
      throws IOException {
    for (Path dir : List.of(c.cpuDir(), c.memoryDir())) {
      if (Files.isDirectory(dir)) {
        continue;
      }
      Path top = dir.getParent();
      if (!Files.isDirectory(top)) {
        Files.createDirectory(top);
        made.add(top);
        if (layout.version() == 2) {
          Files.writeString(top.resolve("cgroup.subtree_control"), "+memory +cpu");
        }
      }
      Files.createDirectory(dir);
      made.add(dir);
    }
  }

  private static synchronized void remove(List<Path> made) {
    for (int i = made.size() - 1; i >= 0; i--) {
      try {
        Files.deleteIfExists(made.get(i)); // rmdir of an empty cgroup
      } catch (IOException e) {
        System.err.println("could not remove " + made.get(i) + ": " + e);
      }
    }
    made.clear();
  }
}
