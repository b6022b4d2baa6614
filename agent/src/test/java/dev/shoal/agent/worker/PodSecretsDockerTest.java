package dev.shoal.agent.worker;

import static dev.shoal.agent.worker.TestPods.mount;
import static dev.shoal.agent.worker.TestPods.pod;
import static dev.shoal.agent.worker.TestPods.sh;
import static dev.shoal.agent.worker.WorkerFixture.container;
import static dev.shoal.agent.worker.WorkerFixture.poll;
import static dev.shoal.agent.worker.WorkerFixture.waitingReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.EnvFromSource;
import dev.shoal.manifests.model.EnvVar;
import dev.shoal.manifests.model.EnvVarSource;
import dev.shoal.manifests.model.KeyToPath;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.Secret;
import dev.shoal.manifests.model.SecretEnvSource;
import dev.shoal.manifests.model.SecretKeySelector;
import dev.shoal.manifests.model.SecretVolumeSource;
import dev.shoal.manifests.model.Volume;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pods that use Secrets, on the real Docker engine: files, environment, a missing secret, and no
 * value in the logs.
 */
@Tag("docker")
@ExtendWith(VertxExtension.class)
class PodSecretsDockerTest {
  @TempDir Path dataDir;
  private WorkerFixture f;
  private final String password = "pw-" + UUID.randomUUID();
  private final String token = "tok-" + UUID.randomUUID();

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    f = new WorkerFixture(vertx, dataDir);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private Secret secret(String name, Map<String, String> plain) {
    Map<String, String> data = new java.util.TreeMap<>();
    plain.forEach(
        (k, v) ->
            data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return new Secret(ObjectMeta.named("default", name), "Opaque", data, null, null);
  }

  private static EnvVar fromSecret(String var, String secret, String key, Boolean optional) {
    return new EnvVar(var, null, new EnvVarSource(new SecretKeySelector(secret, key, optional)));
  }

  @Test
  void aPodSeesItsSecretAsFilesAndEnvironmentAndNoValueIsLogged() throws Exception {
    f.host.putSecret(secret("db", Map.of("user", "app", "password", password, "token", token)));
    Container c =
        mount(
                sh(
                    "app",
                    "echo \"user=$(cat /etc/db/user) mode=$(stat -L -c %a /etc/db/user)\"; "
                        + "echo \"pass=$(cat /etc/db/nested/pass) mode=$(stat -L -c %a /etc/db/nested/pass)\"; "
                        + "ls /etc/db | tr '\\n' ' '; echo; "
                        + "echo \"env=$DB_PASSWORD url=$URL from=$S_token opt=${MISSING-unset}\"; "
                        + "touch /etc/db/new 2>/dev/null && echo writable || echo read-only; exec sleep 3600"),
                "creds",
                "/etc/db")
            .withEnv(
                List.of(
                    fromSecret("DB_PASSWORD", "db", "password", null),
                    new EnvVar("URL", "db://app:$(DB_PASSWORD)@h"),
                    fromSecret("MISSING", "db", "absent", true),
                    fromSecret("ALSO_MISSING", "nosuch", "k", true)))
            .withEnvFrom(
                List.of(
                    new EnvFromSource("S_", new SecretEnvSource("db", null)),
                    new EnvFromSource(null, new SecretEnvSource("optional-absent", true))));
    Pod pod = pod("secret-reader", f.host.nodeName(), "Always", 1, List.of(c));
    pod =
        pod.withSpec(
            pod.spec()
                .withVolumes(
                    List.of(
                        new Volume(
                            "creds",
                            null,
                            null,
                            new SecretVolumeSource(
                                "db",
                                List.of(
                                    new KeyToPath("user", "user", null),
                                    new KeyToPath("password", "nested/pass", 0400)),
                                0440,
                                null)))));

    String logged =
        captureLogs(
            pod,
            p -> {
              f.run(p);
              f.awaitStatus(p, "running", st -> "Running".equals(st.phase()));
              poll(
                  () -> f.logs(p, "app"),
                  l -> l.contains("only") || l.contains("writable"),
                  Duration.ofSeconds(20),
                  "the container's report");
              // A changed spec restarts the container (a logged event) and it gets its secrets
              // again.
              Container changed = p.spec().containers().get(0);
              List<EnvVar> env = new java.util.ArrayList<>(changed.env());
              env.add(new EnvVar("GENERATION", "2"));
              Pod updated = p.withSpec(p.spec().withContainers(List.of(changed.withEnv(env))));
              f.run(updated);
              f.awaitStatus(
                  updated,
                  "restarted",
                  st ->
                      container(st, "app").restartCount() >= 1
                          && container(st, "app").state().running() != null);
              return poll(
                  () -> f.logs(updated, "app"),
                  l -> l.contains("only") || l.contains("writable"),
                  Duration.ofSeconds(20),
                  "the new container's report");
            });
    assertTrue(
        logged.contains("stopping container app"),
        "the capture holds the worker's log lines: " + logged);
    String out = f.logs(pod, "app");
    assertTrue(out.contains("user=app mode=440"), out);
    assertTrue(out.contains("pass=" + password + " mode=400"), out);
    assertTrue(
        out.contains("nested user \n") || out.contains("nested user"),
        "only the listed items: " + out);
    assertFalse(out.contains("token"), "token is not an item: " + out);
    assertTrue(
        out.contains(
            "env=" + password + " url=db://app:" + password + "@h from=" + token + " opt=unset"),
        out);
    assertTrue(out.contains("read-only"), out);

    Path podDir = dataDir.resolve("run-secrets").resolve(pod.metadata().uid());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(podDir)));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(podDir.getParent())));
    assertFalse(
        logged.contains(password)
            || logged.contains(token)
            || logged.contains(
                Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8))),
        "a secret value was logged");

    f.host.delete(pod, 0);
    f.worker.podChanged("default", "secret-reader");
    poll(
        () -> Files.exists(podDir),
        exists -> !exists,
        Duration.ofSeconds(30),
        "the secret files to be removed");
  }

  @Test
  void aMissingSecretWaitsWithCreateContainerConfigErrorThenStartsOnceItExists() throws Exception {
    Container c =
        sh("app", "echo \"got=$KEY\"; exec sleep 3600")
            .withEnv(List.of(fromSecret("KEY", "late", "key", null)));
    Pod pod = pod("waits-for-secret", f.host.nodeName(), "Always", 1, List.of(c));

    String logged =
        captureLogs(
            pod,
            p -> {
              f.run(p);
              PodStatus waiting =
                  f.awaitStatus(
                      p,
                      "CreateContainerConfigError",
                      st -> "CreateContainerConfigError".equals(waitingReason(st, "app")));
              assertEquals(
                  "secret \"late\" not found",
                  container(waiting, "app").state().waiting().message());
              assertEquals("Pending", waiting.phase());
              assertTrue(
                  f.containersOf(p).stream()
                      .noneMatch(
                          s ->
                              "app".equals(s.label(dev.shoal.agent.runtime.ShoalLabels.CONTAINER))),
                  "no app container was created");

              f.host.putSecret(secret("late", Map.of("other", "x")));
              f.awaitStatus(
                  p,
                  "the missing key named",
                  st ->
                      container(st, "app").state().waiting() != null
                          && "couldn't find key key in Secret default/late"
                              .equals(container(st, "app").state().waiting().message()));

              f.host.putSecret(secret("late", Map.of("key", password)));
              f.awaitStatus(
                  p,
                  "running once the secret exists",
                  st ->
                      "Running".equals(st.phase())
                          && container(st, "app").state().running() != null);
              return poll(
                  () -> f.logs(p, "app"),
                  l -> l.contains("got="),
                  Duration.ofSeconds(20),
                  "output");
            });
    assertEquals("got=" + password + "\n", f.logs(pod, "app"));
    assertFalse(logged.contains(password), "a secret value was logged");
  }

  @Test
  void aChangedSecretReachesTheFilesOfARunningPod() {
    f.host.putSecret(secret("rotating", Map.of("key", "first")));
    Pod pod =
        pod(
            "rotating-reader",
            f.host.nodeName(),
            "Always",
            1,
            List.of(mount(sh("app", "exec sleep 3600"), "creds", "/etc/creds")));
    pod =
        pod.withSpec(
            pod.spec()
                .withVolumes(
                    List.of(
                        new Volume(
                            "creds",
                            null,
                            null,
                            new SecretVolumeSource("rotating", null, null, null)))));
    Pod running = f.run(pod);
    PodStatus s =
        f.awaitStatus(
            running,
            "running",
            st -> "Running".equals(st.phase()) && container(st, "app").state().running() != null);
    String id = container(s, "app").containerID().substring("docker://".length());
    assertEquals(
        "first",
        WorkerFixture.await(
                f.runtime.exec(id, List.of("cat", "/etc/creds/key"), Duration.ofSeconds(5)))
            .output());

    f.host.putSecret(secret("rotating", Map.of("key", "second", "added", "x")));
    // The fixture resyncs every 500 ms, so secret volumes are refreshed every 15 s.
    poll(
        () ->
            WorkerFixture.await(
                    f.runtime.exec(
                        id,
                        List.of("sh", "-c", "cat /etc/creds/key /etc/creds/added"),
                        Duration.ofSeconds(5)))
                .output(),
        "secondx"::equals,
        Duration.ofSeconds(40),
        "the new value in the file");
    assertEquals(
        0, container(f.host.status(running), "app").restartCount(), "the container kept running");
  }

  /**
   * Runs {@code body} with everything written to stdout and stderr (where the agent logs) captured.
   */
  private static String captureLogs(Pod pod, java.util.function.Function<Pod, String> body) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(new PrintStream(new TeeStream(out, tee), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new TeeStream(err, tee), true, StandardCharsets.UTF_8));
    try {
      body.apply(pod);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws java.io.IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }
  }
}
