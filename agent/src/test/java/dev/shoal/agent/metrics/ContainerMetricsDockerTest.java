package dev.shoal.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.Timer;
import dev.shoal.agent.runtime.ContainerSpec;
import dev.shoal.agent.runtime.ContainerSummary;
import dev.shoal.agent.runtime.SandboxSpec;
import dev.shoal.agent.runtime.ShoalLabels;
import dev.shoal.agent.runtime.docker.DockerConfig;
import dev.shoal.agent.runtime.docker.DockerRuntime;
import dev.shoal.agent.runtime.docker.TestImages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The sampler against the real engine and this host's cgroups: a pod whose one container burns CPU
 * in a shell loop and whose other sleeps. The busy one's rate must match the CPU time the kernel
 * gave its process (its {@code /proc/PID/schedstat}, another account of the same time) over the
 * same second: near one core on an idle machine, less when other work shares the two cores.
 */
@Tag("docker")
class ContainerMetricsDockerTest {

  private static final Path PROC = Path.of("/proc");

  /** A sample and the busy process's CPU time (ns) read as it arrived. */
  private record Seen(NodeSample sample, long burnerNanos) {}

  private final String uid = "metrics-" + UUID.randomUUID();
  private final String node = uid + "-node";
  private Vertx vertx;
  private DockerRuntime runtime;
  private MetricsSampler sampler;

  @BeforeEach
  void setUp() throws Exception {
    TestImages.ensure();
    vertx = Vertx.vertx();
    runtime = await(DockerRuntime.connect(vertx, DockerConfig.fromEnvironment()));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (sampler != null) {
      await(sampler.stop());
    }
    for (ContainerSummary c : await(runtime.list(Map.of(ShoalLabels.POD_UID, uid)))) {
      await(runtime.remove(c.id()));
    }
    await(runtime.close());
    await(vertx.close());
  }

  private Map<String, String> labels(String container, String kind) {
    Map<String, String> labels = new HashMap<>();
    labels.put(ShoalLabels.POD_UID, uid);
    labels.put(ShoalLabels.NODE, node);
    labels.put(ShoalLabels.POD_NAMESPACE, "shop");
    labels.put(ShoalLabels.POD_NAME, "burner");
    labels.put(ShoalLabels.CONTAINER, container);
    labels.put(ShoalLabels.CONTAINER_KIND, kind);
    return labels;
  }

  private String run(String sandbox, String name, String script) throws Exception {
    return await(
        runtime.runContainer(
            new ContainerSpec(
                uid + "-" + name,
                sandbox,
                TestImages.BUSYBOX,
                List.of("sh", "-c", script),
                null,
                null,
                null,
                null,
                null,
                List.of(),
                labels(name, "app"))));
  }

  @Test
  void aBusyContainerShowsTheCoreItGotAndAnIdleOneNone() throws Exception {
    String image = await(runtime.ensureSandboxImage());
    String sandbox =
        await(
            runtime.runSandbox(
                new SandboxSpec(
                    uid + "-pod",
                    image,
                    "bridge",
                    "burner",
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    labels(ShoalLabels.SANDBOX, "sandbox"))));
    String burn = run(sandbox, "burn", "while :; do :; done");
    run(sandbox, "idle", "exec sleep 1000");
    long burnPid = await(runtime.inspect(burn)).pid();

    CgroupLayout layout = await(RuntimeTargets.detect(vertx, runtime, PROC));
    BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    sampler =
        new MetricsSampler(
            vertx,
            Timer.system(),
            node,
            new RuntimeTargets(
                vertx, Timer.system(), runtime, node, layout, PROC, Duration.ofSeconds(10)),
            PROC,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            sample -> seen.add(new Seen(sample, schedNanos(burnPid))));
    vertx.runOnContext(v -> sampler.start());

    Seen before = null;
    int compared = 0;
    while (compared < 3) {
      Seen now = seen.poll(20, TimeUnit.SECONDS);
      assertTrue(now != null, "no sample within 20 s");
      if (now.sample().pods().isEmpty()) {
        before = now;
        continue;
      }
      PodSample pod = now.sample().pods().get(0);
      assertEquals("shop/burner", pod.namespace() + "/" + pod.name());
      assertEquals(
          List.of("burn", "idle"), pod.containers().stream().map(ContainerUsage::name).toList());
      ContainerUsage busy = pod.containers().get(0);
      ContainerUsage idle = pod.containers().get(1);
      double busyCores = busy.cpuNanoCores() / 1e9;
      double kernelCores =
          (now.burnerNanos() - before.burnerNanos())
              / 1e6
              / (now.sample().timestampMillis() - before.sample().timestampMillis());
      System.out.printf(
          "burn %.3f cores (kernel's account of its process %.3f), idle %.4f; memory %d / %d"
              + " bytes; host %.3f cores, %d bytes%n",
          busyCores,
          kernelCores,
          idle.cpuNanoCores() / 1e9,
          busy.memoryBytes(),
          idle.memoryBytes(),
          now.sample().cpuNanoCores() / 1e9,
          now.sample().memoryBytes());
      assertTrue(busyCores > 0.05 && busyCores < 1.1, "burn at " + busyCores + " cores");
      assertTrue(
          Math.abs(busyCores - kernelCores) < 0.15,
          "burn at " + busyCores + " cores, the kernel gave it " + kernelCores);
      assertTrue(idle.cpuNanoCores() < 20_000_000L, "idle at " + idle.cpuNanoCores() + "n");
      assertTrue(busy.memoryBytes() > 0 && idle.memoryBytes() > 0, pod.toString());
      assertTrue(now.sample().cpuNanoCores() >= busy.cpuNanoCores() * 0.8, "host under its pod");
      before = now;
      compared++;
    }
  }

  /** The process's time on a CPU, in ns: the first field of {@code /proc/PID/schedstat}. */
  private static long schedNanos(long pid) {
    try {
      return Long.parseLong(
          Files.readString(PROC.resolve(Long.toString(pid)).resolve("schedstat")).split(" ")[0]);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
