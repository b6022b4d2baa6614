package dev.shoal.agent.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocking half of the sampler: reads every target's cgroup files and the host's, feeds each
 * counter's {@link UsageWindow}, and returns the {@link NodeSample}. Keeps a reader (three open
 * files) and a window per container ID, and drops those of containers that are no longer targets or
 * whose cgroup went away. Runs on one worker thread at a time.
 */
final class Sampling implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sampling.class);

  private record Tracked(ContainerReader reader, UsageWindow window) {}

  private final String node;
  private final Path procRoot;
  private final long windowMillis;
  private final Buffers buffers = new Buffers();
  private final Map<String, Tracked> tracked = new HashMap<>();
  private HostReader host;
  private UsageWindow hostWindow;

  Sampling(String node, Path procRoot, long windowMillis) {
    this.node = node;
    this.procRoot = procRoot;
    this.windowMillis = windowMillis;
  }

  /** Reads everything once at {@code nowMillis} (epoch ms). */
  NodeSample sample(Map<String, Target> targets, long nowMillis) {
    forgetGone(targets);
    Map<String, List<ContainerUsage>> byPod = new TreeMap<>();
    long podWindow = 0;
    for (Map.Entry<String, Target> e : targets.entrySet()) {
      Target target = e.getValue();
      Tracked t = tracked(e.getKey(), target);
      if (t == null) {
        continue;
      }
      Reading reading;
      try {
        reading = t.reader().read(buffers);
      } catch (IOException failure) {
        forget(e.getKey()); // the cgroup went away: the container stopped
        continue;
      }
      t.window().add(nowMillis, reading.cpuNanos());
      if (t.window().hasRate()) {
        podWindow = Math.max(podWindow, t.window().coveredMillis());
        byPod
            .computeIfAbsent(target.namespace() + "/" + target.pod(), k -> new ArrayList<>())
            .add(
                new ContainerUsage(
                    target.container(), t.window().nanoCores(), reading.workingSetBytes()));
      }
    }
    List<PodSample> pods = new ArrayList<>();
    for (Map.Entry<String, List<ContainerUsage>> e : byPod.entrySet()) {
      String[] key = e.getKey().split("/", 2);
      List<ContainerUsage> containers = new ArrayList<>(e.getValue());
      containers.sort(java.util.Comparator.comparing(ContainerUsage::name));
      pods.add(new PodSample(key[0], key[1], nowMillis, podWindow, containers));
    }
    Reading hostReading = readHost();
    long hostCpu = 0;
    long hostMemory = 0;
    long hostCovered = 0;
    if (hostReading != null) {
      hostWindow.add(nowMillis, hostReading.cpuNanos());
      hostCpu = hostWindow.nanoCores();
      hostCovered = hostWindow.coveredMillis();
      hostMemory = hostReading.workingSetBytes();
    }
    return new NodeSample(node, nowMillis, hostCovered, hostCpu, hostMemory, pods);
  }

  /** How many containers have open readers (tests, the bench). */
  int trackedCount() {
    return tracked.size();
  }

  private Tracked tracked(String id, Target target) {
    Tracked t = tracked.get(id);
    if (t != null) {
      return t;
    }
    try {
      t = new Tracked(new ContainerReader(target.cgroup()), new UsageWindow(windowMillis));
    } catch (IOException e) {
      LOG.debug("no cgroup files for container {} yet: {}", id, e.toString());
      return null;
    }
    tracked.put(id, t);
    return t;
  }

  private Reading readHost() {
    try {
      if (host == null) {
        host = new HostReader(procRoot);
        hostWindow = new UsageWindow(windowMillis);
      }
      return host.read(buffers);
    } catch (IOException e) {
      LOG.warn("cannot read the host's usage under {}: {}", procRoot, e.toString());
      return null;
    }
  }

  private void forgetGone(Map<String, Target> targets) {
    Iterator<Map.Entry<String, Tracked>> it = tracked.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Tracked> e = it.next();
      if (!targets.containsKey(e.getKey())) {
        e.getValue().reader().close();
        it.remove();
      }
    }
  }

  private void forget(String id) {
    Tracked t = tracked.remove(id);
    if (t != null) {
      t.reader().close();
    }
  }

  @Override
  public void close() {
    tracked.values().forEach(t -> t.reader().close());
    tracked.clear();
    if (host != null) {
      host.close();
    }
  }
}
