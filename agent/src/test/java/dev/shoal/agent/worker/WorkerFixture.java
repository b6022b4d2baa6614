package dev.shoal.agent.worker;

import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.runtime.ContainerInfo;
import dev.shoal.agent.runtime.ContainerSummary;
import dev.shoal.agent.runtime.ShoalLabels;
import dev.shoal.agent.runtime.docker.DockerConfig;
import dev.shoal.agent.runtime.docker.DockerRuntime;
import dev.shoal.agent.runtime.docker.TestImages;
import dev.shoal.manifests.model.ContainerStatus;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A real Docker runtime, a fake cluster and a worker with short back-offs; cleans up its node's
 * containers.
 */
final class WorkerFixture implements AutoCloseable {
  final Vertx vertx;
  final DockerRuntime runtime;
  final FakePodHost host;
  final WorkerConfig config;
  PodWorker worker;

  WorkerFixture(Vertx vertx, Path dataDir) throws Exception {
    TestImages.ensure();
    this.vertx = vertx;
    this.runtime = await(DockerRuntime.connect(vertx, DockerConfig.fromEnvironment()));
    this.host = new FakePodHost("test-node-" + UUID.randomUUID().toString().substring(0, 8));
    this.config =
        WorkerConfig.defaults(dataDir, "192.0.2.10")
            .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(2))
            .withResyncInterval(Duration.ofMillis(500))
            .withSecretsDir(dataDir.resolve("run-secrets"));
    this.worker = new PodWorker(vertx, runtime, host, config);
    await(worker.start());
  }

  /**
   * Stops the worker and starts a fresh one on the same engine and cluster, as an agent restart
   * would.
   */
  void restartWorker() {
    await(worker.stop());
    worker = new PodWorker(vertx, runtime, host, config);
    await(worker.start());
  }

  Pod run(Pod pod) {
    host.put(pod);
    worker.podChanged(pod.metadata().namespace(), pod.metadata().name());
    return pod;
  }

  /** Checked after each status the worker writes, not on a clock. */
  PodStatus awaitStatus(Pod pod, String what, Predicate<PodStatus> condition) {
    return host.await(
        () -> host.status(pod), s -> s != null && condition.test(s), Duration.ofSeconds(60), what);
  }

  static ContainerStatus container(PodStatus s, String name) {
    List<ContainerStatus> all = new java.util.ArrayList<>();
    if (s.containerStatuses() != null) {
      all.addAll(s.containerStatuses());
    }
    if (s.initContainerStatuses() != null) {
      all.addAll(s.initContainerStatuses());
    }
    return all.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  static String waitingReason(PodStatus s, String name) {
    ContainerStatus c = container(s, name);
    return c == null || c.state() == null || c.state().waiting() == null
        ? null
        : c.state().waiting().reason();
  }

  static boolean condition(PodStatus s, String type) {
    return s.conditions() != null
        && s.conditions().stream()
            .anyMatch(c -> type.equals(c.type()) && "True".equals(c.status()));
  }

  List<ContainerSummary> containersOf(Pod pod) {
    return await(runtime.list(Map.of(ShoalLabels.POD_UID, pod.metadata().uid())));
  }

  ContainerInfo inspect(String id) {
    return await(runtime.inspect(id));
  }

  String logs(Pod pod, String container) {
    return await(worker.logs(pod, container, null));
  }

  /**
   * Polls every 50 ms, for the engine's state (containers, logs), which announces nothing; what the
   * worker writes to its host is awaited with {@link FakePodHost#await} instead.
   */
  static <T> T poll(Supplier<T> get, Predicate<T> done, Duration timeout, String what) {
    try {
      return Eventually.poll(get::get, done, timeout, Duration.ofMillis(50), what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception cannotHappen) {
      throw new IllegalStateException(cannotHappen);
    }
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(150, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  @Override
  public void close() {
    try {
      await(worker.stop());
    } finally {
      for (ContainerSummary c : await(runtime.list(Map.of(ShoalLabels.NODE, host.nodeName())))) {
        await(runtime.remove(c.id()));
      }
      await(runtime.close());
    }
  }
}
