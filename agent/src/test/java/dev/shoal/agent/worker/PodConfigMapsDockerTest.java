package dev.shoal.agent.worker;

import static dev.shoal.agent.worker.TestPods.mount;
import static dev.shoal.agent.worker.TestPods.pod;
import static dev.shoal.agent.worker.TestPods.sh;
import static dev.shoal.agent.worker.WorkerFixture.container;
import static dev.shoal.agent.worker.WorkerFixture.poll;
import static dev.shoal.agent.worker.WorkerFixture.waitingReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.Eventually;
import dev.shoal.manifests.model.ConfigMap;
import dev.shoal.manifests.model.ConfigMapEnvSource;
import dev.shoal.manifests.model.ConfigMapKeySelector;
import dev.shoal.manifests.model.ConfigMapProjection;
import dev.shoal.manifests.model.ConfigMapVolumeSource;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.DownwardAPIProjection;
import dev.shoal.manifests.model.DownwardAPIVolumeFile;
import dev.shoal.manifests.model.EnvFromSource;
import dev.shoal.manifests.model.EnvVar;
import dev.shoal.manifests.model.EnvVarSource;
import dev.shoal.manifests.model.KeyToPath;
import dev.shoal.manifests.model.ObjectFieldSelector;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.ProjectedVolumeSource;
import dev.shoal.manifests.model.ResourceFieldSelector;
import dev.shoal.manifests.model.ResourceRequirements;
import dev.shoal.manifests.model.Secret;
import dev.shoal.manifests.model.SecretProjection;
import dev.shoal.manifests.model.Volume;
import dev.shoal.manifests.model.VolumeProjection;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pods that read ConfigMaps and the downward API, on the real Docker engine: environment, a
 * configMap volume, a projected volume of a config map, a secret and downward API files, a missing
 * config map waited for, and an update seen in a running container's file.
 */
@Tag("docker")
@ExtendWith(VertxExtension.class)
class PodConfigMapsDockerTest {
  @TempDir Path dataDir;
  private WorkerFixture f;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    f = new WorkerFixture(vertx, dataDir);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private static ConfigMap configMap(String name, Map<String, String> data) {
    return new ConfigMap(ObjectMeta.named("default", name), data, null, null);
  }

  private static EnvVar fromConfigMap(String var, String map, String key) {
    return new EnvVar(var, null, EnvVarSource.configMap(new ConfigMapKeySelector(map, key, null)));
  }

  private String exec(PodStatus s, String script) {
    String id = container(s, "app").containerID().substring("docker://".length());
    return WorkerFixture.await(
            f.runtime.exec(id, List.of("sh", "-c", script), Duration.ofSeconds(5)))
        .output();
  }

  @Test
  void aPodReadsAConfigMapAsEnvironmentAndFilesAndTheDownwardApi() {
    f.host.putConfigMap(
        configMap("app", Map.of("mode", "fast", "greeting", "hello", "app.conf", "port=8080\n")));
    f.host.putSecret(
        new Secret(
            ObjectMeta.named("default", "creds"),
            "Opaque",
            Map.of("token", java.util.Base64.getEncoder().encodeToString("t0k".getBytes())),
            null,
            null));
    Container c =
        mount(
                mount(
                    sh(
                        "app",
                        "echo \"env mode=$MODE cfg=$CFG_greeting name=$NAME ip=$IP mem=$MEM\"; exec sleep 3600"),
                    "config",
                    "/etc/app"),
                "all",
                "/etc/all")
            .withResources(new ResourceRequirements(null, Map.of("memory", "32Mi")))
            .withEnvFrom(List.of(new EnvFromSource("CFG_", new ConfigMapEnvSource("app", null))))
            .withEnv(
                List.of(
                    fromConfigMap("MODE", "app", "mode"),
                    new EnvVar("NAME", null, EnvVarSource.field("metadata.name")),
                    new EnvVar("IP", null, EnvVarSource.field("status.podIP")),
                    new EnvVar(
                        "MEM",
                        null,
                        EnvVarSource.resource(
                            new ResourceFieldSelector(null, "limits.memory", "1Mi")))));
    Pod pod = pod("config-reader", f.host.nodeName(), "Always", 1, List.of(c));
    pod =
        pod.withMetadata(pod.metadata().withLabels(Map.of("app", "reader")))
            .withSpec(
                pod.spec()
                    .withVolumes(
                        List.of(
                            Volume.configMap(
                                "config",
                                new ConfigMapVolumeSource(
                                    "app",
                                    List.of(new KeyToPath("app.conf", "conf/app.conf", 0400)),
                                    null,
                                    null)),
                            Volume.projected(
                                "all",
                                new ProjectedVolumeSource(
                                    List.of(
                                        new VolumeProjection(
                                            null,
                                            new ConfigMapProjection(
                                                "app",
                                                List.of(new KeyToPath("mode", "mode", null)),
                                                null),
                                            null),
                                        new VolumeProjection(
                                            new SecretProjection("creds", null, null), null, null),
                                        new VolumeProjection(
                                            null,
                                            null,
                                            new DownwardAPIProjection(
                                                List.of(
                                                    new DownwardAPIVolumeFile(
                                                        "labels",
                                                        new ObjectFieldSelector("metadata.labels"),
                                                        null,
                                                        null),
                                                    new DownwardAPIVolumeFile(
                                                        "uid",
                                                        new ObjectFieldSelector("metadata.uid"),
                                                        null,
                                                        null))))),
                                    0440)))));
    Pod running = f.run(pod);
    PodStatus s =
        f.awaitStatus(
            running,
            "running",
            st -> "Running".equals(st.phase()) && container(st, "app").state().running() != null);
    String out =
        poll(
            () -> f.logs(running, "app"), l -> l.contains("env"), Duration.ofSeconds(20), "output");
    assertEquals(
        "env mode=fast cfg=hello name=config-reader ip=" + s.podIP() + " mem=32\n",
        out,
        "the pod's own IP, known once its sandbox runs");
    assertEquals(
        "port=8080\n 400\n",
        exec(s, "cat /etc/app/conf/app.conf; stat -L -c ' %a' /etc/app/conf/app.conf"));
    assertEquals("conf\n", exec(s, "ls /etc/app"), "only the listed item");
    assertEquals(
        "fast|t0k|app=\"reader\"|" + running.metadata().uid() + "| 440\n",
        exec(
            s,
            "echo \"$(cat /etc/all/mode)|$(cat /etc/all/token)|$(cat /etc/all/labels)|"
                + "$(cat /etc/all/uid)|$(stat -L -c ' %a' /etc/all/token)\""));
    assertTrue(
        exec(s, "touch /etc/all/x 2>&1 || echo read-only").contains("read-only"),
        "a file volume is read-only in the container");
  }

  @Test
  void aMissingConfigMapWaitsWithCreateContainerConfigErrorThenStartsOnceItExists() {
    Container c =
        sh("app", "echo \"got=$KEY\"; exec sleep 3600")
            .withEnv(List.of(fromConfigMap("KEY", "late", "key")));
    Pod pod = f.run(pod("waits-for-config", f.host.nodeName(), "Always", 1, List.of(c)));
    PodStatus waiting =
        f.awaitStatus(
            pod,
            "CreateContainerConfigError",
            st -> "CreateContainerConfigError".equals(waitingReason(st, "app")));
    assertEquals(
        "configmap \"late\" not found", container(waiting, "app").state().waiting().message());
    assertEquals("Pending", waiting.phase());

    f.host.putConfigMap(configMap("late", Map.of("other", "x")));
    f.worker.sourceChanged(ConfigMap.KIND, "default", "late");
    f.awaitStatus(
        pod,
        "the missing key named",
        st ->
            container(st, "app").state().waiting() != null
                && "couldn't find key key in ConfigMap default/late"
                    .equals(container(st, "app").state().waiting().message()));

    f.host.putConfigMap(configMap("late", Map.of("key", "v1")));
    f.worker.sourceChanged(ConfigMap.KIND, "default", "late");
    f.awaitStatus(
        pod,
        "running once the config map has the key",
        st -> "Running".equals(st.phase()) && container(st, "app").state().running() != null);
    assertEquals(
        "got=v1\n",
        poll(() -> f.logs(pod, "app"), l -> l.contains("got="), Duration.ofSeconds(20), "output"));
  }

  /**
   * A changed ConfigMap reaches the file of a running container whole, without a restart, at the
   * pass after the change is announced (as the agent's watch does), well before the refresh period
   * (15 s with this fixture); prints the delay measured.
   */
  @Test
  void aChangedConfigMapReachesTheFileOfARunningPod() throws Exception {
    f.host.putConfigMap(configMap("rotating", Map.of("key", "v0")));
    Pod pod =
        pod(
            "rotating-config",
            f.host.nodeName(),
            "Always",
            1,
            List.of(mount(sh("app", "exec sleep 3600"), "config", "/etc/config")));
    pod =
        pod.withSpec(
            pod.spec()
                .withVolumes(
                    List.of(
                        Volume.configMap(
                            "config", new ConfigMapVolumeSource("rotating", null, null, null)))));
    Pod running = f.run(pod);
    PodStatus s =
        f.awaitStatus(
            running,
            "running",
            st -> "Running".equals(st.phase()) && container(st, "app").state().running() != null);
    assertEquals("v0", exec(s, "cat /etc/config/key"));
    Path file = f.config.secretsDir().resolve(running.metadata().uid()).resolve("config/key");
    List<Long> delays = new java.util.ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      String value = "v" + i;
      long start = System.nanoTime();
      f.host.putConfigMap(configMap("rotating", Map.of("key", value, "added", "x" + i)));
      f.worker.sourceChanged(ConfigMap.KIND, "default", "rotating");
      delays.add(millisUntil(file, value, start));
      assertEquals(value + "x" + i, exec(s, "cat /etc/config/key /etc/config/added"));
    }
    System.out.println("RESULT configmap-update-to-file-ms " + delays);
    assertEquals(
        0, container(f.host.status(running), "app").restartCount(), "the container kept running");
  }

  /**
   * Milliseconds from {@code start} until the file holds {@code value}, looked at every
   * millisecond; fails past 10 s, well before the 15 s refresh period.
   */
  private static long millisUntil(Path file, String value, long start) throws Exception {
    Eventually.poll(
        () -> read(file),
        value::equals,
        Duration.ofSeconds(10),
        Duration.ofMillis(1),
        "the file holding " + value);
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static String read(Path file) {
    try {
      return java.nio.file.Files.readString(file);
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
