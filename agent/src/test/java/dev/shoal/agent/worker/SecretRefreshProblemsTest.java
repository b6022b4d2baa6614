package dev.shoal.agent.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.model.KeyToPath;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.Secret;
import dev.shoal.manifests.model.SecretVolumeSource;
import dev.shoal.manifests.model.Volume;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The refresh of running pods' secret volumes, on real files with a scripted store (the refresh is
 * logic over files): before, any failure was dropped ({@code otherwise(null)}) and the next try
 * came a whole period later. Now each problem is reported with the pod and volume once, retried at
 * the next pass, and cleared when solved.
 */
class SecretRefreshProblemsTest {
  private static final Duration PERIOD = Duration.ofMinutes(1);
  private final Instant start = Instant.parse("2026-12-02T12:00:00Z");

  private Vertx vertx;
  private Path dataDir;
  private Host host;
  private PodConfig secrets;
  private PodVolumes volumes;
  private final List<String> reported = new ArrayList<>();

  /** Secrets from a map; a read fails while {@code failing} is set. */
  static final class Host implements PodHost {
    final Map<String, Secret> secrets = new java.util.concurrent.ConcurrentHashMap<>();
    volatile boolean failing;

    @Override
    public String nodeName() {
      return "n1";
    }

    @Override
    public Future<List<Pod>> boundPods() {
      return Future.succeededFuture(List.of());
    }

    @Override
    public Future<Void> writeStatus(Pod pod, PodStatus status) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> finishDeletion(Pod pod) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Optional<Secret>> secret(String namespace, String name) {
      return failing
          ? Future.failedFuture(new IllegalStateException("the store is not writable: no majority"))
          : Future.succeededFuture(Optional.ofNullable(secrets.get(name)));
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    dataDir = Files.createTempDirectory("secret-refresh");
    host = new Host();
    volumes = new PodVolumes(dataDir, vertx.fileSystem());
    WorkerConfig config = WorkerConfig.defaults(dataDir, "127.0.0.1");
    secrets =
        new PodConfig(vertx, host, volumes, new PodContainers("n1", config, volumes), PERIOD)
            .onProblem((pod, problem) -> reported.add(problem == null ? "solved" : problem));
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
    new ProcessBuilder("rm", "-rf", dataDir.toString()).start().waitFor(30, TimeUnit.SECONDS);
  }

  private static Secret secret(String name, Map<String, String> plain) {
    Map<String, String> data = new java.util.TreeMap<>();
    plain.forEach(
        (k, v) ->
            data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return new Secret(ObjectMeta.named("default", name), "Opaque", data, null, null);
  }

  private Pod pod() {
    Pod pod = TestPods.pod("reader", "n1", "Always", 1, List.of(TestPods.sh("main", "sleep 1000")));
    return pod.withSpec(
        pod.spec()
            .withVolumes(
                List.of(
                    new Volume(
                        "creds",
                        null,
                        null,
                        new SecretVolumeSource(
                            "db",
                            List.of(new KeyToPath("password", "password", null)),
                            null,
                            null)))));
  }

  @Test
  void eachProblemIsReportedOnceRetriedAtTheNextPassAndClearedWhenSolved() throws Exception {
    Pod pod = pod();
    String uid = pod.metadata().uid();
    Path dir = volumes.fileVolumeDir(uid, "creds");
    Files.createDirectories(dir); // a running container mounts it
    host.secrets.put("db", secret("db", Map.of("password", "one")));
    await(
        secrets.refresh(
            pod, start)); // the first pass only notes the time: the start wrote the files

    host.failing = true;
    Instant due = start.plus(PERIOD);
    await(secrets.refresh(pod, due)); // never fails the pod's sync
    assertTrue(
        secrets
            .problem(uid)
            .orElseThrow()
            .contains("cannot read its secrets and config maps: the store is not writable"),
        secrets.problem(uid).toString());
    await(secrets.refresh(pod, due.plusSeconds(1)));
    assertEquals(1, reported.size(), "the same problem is reported once: " + reported);

    host.failing = false;
    host.secrets.put("db", secret("db", Map.of("other", "x")));
    await(secrets.refresh(pod, due.plusSeconds(2))); // retried at the next pass, not a period later
    assertEquals(
        "volume creds: couldn't find key password in Secret default/db; its files keep their last"
            + " values",
        secrets.problem(uid).orElseThrow());

    host.secrets.remove("db");
    await(secrets.refresh(pod, due.plusSeconds(3)));
    assertEquals(
        "volume creds: secret \"db\" not found; its files keep their last values",
        secrets.problem(uid).orElseThrow());

    host.secrets.put("db", secret("db", Map.of("password", "two")));
    Files.createDirectories(
        dir.resolve("..data_tmp").resolve("in-the-way")); // a directory where the new link goes
    await(secrets.refresh(pod, due.plusSeconds(4)));
    assertTrue(
        secrets.problem(uid).orElseThrow().startsWith("volume creds: writing its files failed: "),
        secrets.problem(uid).orElseThrow());

    new ProcessBuilder("rm", "-rf", dir.resolve("..data_tmp").toString())
        .start()
        .waitFor(30, TimeUnit.SECONDS);
    await(secrets.refresh(pod, due.plusSeconds(5)));
    assertEquals(Optional.empty(), secrets.problem(uid));
    assertEquals("two", Files.readString(dir.resolve("password")));
    assertEquals(5, reported.size(), reported.toString());
    assertEquals("solved", reported.get(4));

    await(secrets.refresh(pod, due.plusSeconds(6)));
    assertEquals(5, reported.size(), "a solved refresh waits for the next period: " + reported);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
