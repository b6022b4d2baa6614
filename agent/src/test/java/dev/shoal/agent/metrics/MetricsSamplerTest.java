package dev.shoal.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.FakeTimer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sampler on virtual time over a copy of the v2 fixture whose counters the test moves: a sample
 * per interval, rates once there are two readings, containers dropped when their cgroup or their
 * target goes.
 */
class MetricsSamplerTest {

  private static final String ID = Fixtures.CONTAINER_ID;

  @TempDir Path temp;
  private Vertx vertx;
  private FakeTimer timer;
  private MetricsSampler sampler;
  private final BlockingQueue<NodeSample> samples = new LinkedBlockingQueue<>();
  private volatile Map<String, Target> targets;
  private Path cgroupDir;
  private Path proc;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    timer = new FakeTimer();
    Path copy = Fixtures.copy("v2-cgroupfs", temp.resolve("v2"));
    proc = Fixtures.copy("proc", temp.resolve("proc"));
    CgroupLayout layout =
        CgroupLayout.detect(
            "cgroupfs",
            "2",
            Files.readString(copy.resolve("mountinfo"))
                .replace(" /sys/fs/cgroup", " " + copy.resolve("sys/fs/cgroup")));
    ContainerCgroup cgroup = layout.conventional(ID);
    cgroupDir = cgroup.cpuDir();
    targets = Map.of(ID, new Target("shop", "web-1", "app", cgroup));
    TargetSource source = () -> Future.succeededFuture(targets);
    sampler =
        new MetricsSampler(
            vertx,
            timer,
            "node-a",
            source,
            proc,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            samples::add);
    vertx.runOnContext(v -> sampler.start());
  }

  @AfterEach
  void tearDown() throws Exception {
    sampler.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private NodeSample next() throws InterruptedException {
    NodeSample s = samples.poll(10, TimeUnit.SECONDS);
    assertNotNull(s, "no sample came");
    return s;
  }

  private void cpuUsec(long usec) throws Exception {
    Files.writeString(cgroupDir.resolve("cpu.stat"), "usage_usec " + usec + "\nuser_usec 1\n");
  }

  @Test
  void ratesFromTheSecondSampleOnEveryInterval() throws Exception {
    NodeSample first = next();
    assertEquals("node-a", first.node());
    assertEquals(List.of(), first.pods(), "one reading: no rate yet");
    assertEquals(0, first.windowMillis());

    cpuUsec(2_234_567 + 750_000); // three quarters of a core over the next second
    Files.writeString(cgroupDir.resolve("memory.current"), "8388608\n");
    timer.advance(Duration.ofSeconds(1));
    NodeSample second = next();
    assertEquals(first.timestampMillis() + 1000, second.timestampMillis());
    assertEquals(1, second.pods().size());
    PodSample pod = second.pods().get(0);
    assertEquals("shop", pod.namespace());
    assertEquals("web-1", pod.name());
    assertEquals(1000, pod.windowMillis());
    assertEquals(
        List.of(new ContainerUsage("app", 750_000_000L, 8_388_608L - 1_024_000L)),
        pod.containers());
    assertEquals(0, second.cpuNanoCores(), "the host fixture's counters did not move");
    assertEquals(1000, second.windowMillis());
    assertTrue(second.memoryBytes() > 0);

    Files.writeString(
        proc.resolve("stat"),
        Files.readString(proc.resolve("stat"))
            .replaceFirst("cpu  86856 ", "cpu  " + (86_856 + 150) + " ")); // 1.5 cores
    timer.advance(Duration.ofSeconds(1));
    NodeSample third = next();
    assertEquals(1_500_000_000L, third.cpuNanoCores());
    assertEquals(0, third.pods().get(0).cpuNanoCores(), "the container idled");
    assertEquals(third, sampler.latest());
  }

  @Test
  void aContainerWhoseCgroupWentOrThatIsNoTargetIsDropped() throws Exception {
    next();
    timer.advance(Duration.ofSeconds(1));
    assertEquals(1, next().pods().size());

    targets = Map.of();
    timer.advance(Duration.ofSeconds(1));
    assertEquals(List.of(), next().pods());

    // back as a target: it starts over (one reading, no rate); then its files stop answering
    // (the kernel fails reads of a removed cgroup's files; here they turn empty)
    targets = Map.of(ID, target());
    timer.advance(Duration.ofSeconds(1));
    assertEquals(List.of(), next().pods());
    Files.writeString(cgroupDir.resolve("cpu.stat"), "");
    timer.advance(Duration.ofSeconds(1));
    assertEquals(List.of(), next().pods());
    assertNull(samples.poll(), "one sample per interval");
  }

  private Target target() {
    return new Target("shop", "web-1", "app", new ContainerCgroup(2, cgroupDir, cgroupDir));
  }
}
