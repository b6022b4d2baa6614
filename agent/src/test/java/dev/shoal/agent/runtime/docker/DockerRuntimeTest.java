package dev.shoal.agent.runtime.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.runtime.ContainerInfo;
import dev.shoal.agent.runtime.ContainerSpec;
import dev.shoal.agent.runtime.ContainerSummary;
import dev.shoal.agent.runtime.PortMapping;
import dev.shoal.agent.runtime.RuntimeFailure;
import dev.shoal.agent.runtime.SandboxSpec;
import dev.shoal.agent.runtime.ShoalLabels;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Docker runtime against the real engine: pause image, sandbox, joined containers, exec, logs,
 * stop.
 */
class DockerRuntimeTest extends RealEngineTest {
  DockerRuntimeTest() {
    super("rt-");
  }

  private String sandbox(PortMapping... ports) {
    String image = await(runtime.ensureSandboxImage());
    return await(
        runtime.runSandbox(
            new SandboxSpec(
                "shoal-test-" + uid + "-pod",
                image,
                "bridge",
                "mypod",
                List.of("192.0.2.53"),
                List.of("default.svc.cluster.local", "cluster.local"),
                List.of("ndots:5"),
                List.of(ports),
                labels(ShoalLabels.SANDBOX))));
  }

  @Test
  void aHostPortOnTheSandboxReachesTheAppContainer() throws Exception {
    int hostPort;
    try (java.net.ServerSocket free =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      hostPort = free.getLocalPort();
    }
    String sandbox = sandbox(new PortMapping("127.0.0.1", hostPort, 8080, "TCP"));
    await(
        runtime.runContainer(
            new ContainerSpec(
                "shoal-test-" + uid + "-web",
                sandbox,
                TestImages.BUSYBOX,
                List.of("sh", "-c", "while true; do echo pong | nc -l -p 8080; done"),
                null,
                null,
                null,
                null,
                null,
                null,
                labels("web"))));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    String reply = "";
    while (System.nanoTime() < deadline && !reply.startsWith("pong")) {
      try (java.net.Socket s = new java.net.Socket()) {
        s.connect(new java.net.InetSocketAddress("127.0.0.1", hostPort), 1000);
        s.setSoTimeout(1000);
        reply =
            new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        reply = "";
      }
    }
    assertEquals("pong\n", reply, "127.0.0.1:" + hostPort + " is published by the sandbox");
  }

  @Test
  void sandboxRunsOnTheBuiltPauseImageAndStopsPromptlyOnSigterm() {
    String id = sandbox();
    ContainerInfo info = await(runtime.inspect(id));
    assertTrue(info.running(), info.toString());
    assertNotNull(info.ipAddress(), "a sandbox on the bridge network has an IP");
    assertEquals(ShoalLabels.SANDBOX, info.label(ShoalLabels.CONTAINER));
    assertEquals("true", info.label(ShoalLabels.MANAGED));

    await(runtime.stop(id, Duration.ofSeconds(30)));
    ContainerInfo stopped = await(runtime.inspect(id));
    assertEquals(ContainerInfo.Status.EXITED, stopped.status());
    assertEquals(0, stopped.exitCode(), "pause exits 0 on SIGTERM instead of waiting for SIGKILL");
    assertTrue(
        Duration.between(stopped.startedAt(), stopped.finishedAt()).toSeconds() < 25,
        "stopped by SIGTERM long before the 30 s grace period");
  }

  @Test
  void containerJoinsTheSandboxNetworkAndRunsWithEntrypointArgsEnvAndWorkdir() {
    String sandbox = sandbox();
    ContainerSpec spec =
        new ContainerSpec(
            "shoal-test-" + uid + "-app",
            sandbox,
            TestImages.BUSYBOX,
            List.of("sh", "-c"),
            List.of(
                "echo \"$GREETING from $(pwd) as $(hostname)\"; echo oops >&2; sleep 0.2; echo done; exec sleep 1000"),
            Map.of("GREETING", "hello"),
            "/tmp",
            500_000_000L,
            64L * 1024 * 1024,
            List.of(),
            labels("app"));
    String id = await(runtime.runContainer(spec));
    assertTrue(await(runtime.inspect(id)).running());

    var exec = await(runtime.exec(id, List.of("sh", "-c", "exit 3"), Duration.ofSeconds(5)));
    assertEquals(3, exec.exitCode());
    var ok = await(runtime.exec(id, List.of("cat", "/proc/net/route"), Duration.ofSeconds(5)));
    assertTrue(ok.succeeded());
    assertTrue(
        ok.output().contains("eth0"), "the app container sees the sandbox's eth0: " + ok.output());
    String resolv =
        await(runtime.exec(id, List.of("cat", "/etc/resolv.conf"), Duration.ofSeconds(5))).output();
    assertTrue(
        resolv.contains("nameserver 192.0.2.53")
            && resolv.contains("search default.svc.cluster.local cluster.local")
            && resolv.contains("options ndots:5"),
        "the sandbox's resolv.conf is shared: " + resolv);

    String logs = pollLogs(id, "done");
    assertTrue(logs.contains("hello from /tmp as mypod"), logs);
    assertTrue(logs.contains("oops"), "stderr is included: " + logs);
    assertEquals("done\n", await(runtime.logs(id, 1)));

    List<ContainerSummary> mine = await(runtime.list(Map.of(ShoalLabels.POD_UID, uid)));
    assertEquals(2, mine.size());
    await(runtime.stop(id, Duration.ofSeconds(0)));
    assertFalse(await(runtime.inspect(id)).running());
    await(runtime.remove(id));
    RuntimeFailure gone = assertFails(runtime.inspect(id));
    assertEquals(RuntimeFailure.Kind.NOT_FOUND, gone.kind());
  }

  private String pollLogs(String id, String expected) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String logs = "";
    while (System.nanoTime() < deadline && !logs.contains(expected)) {
      logs = await(runtime.logs(id, null));
    }
    return logs;
  }

  @Test
  void missingImageIsReportedAsSuchAndCreatesNothing() {
    String sandbox = sandbox();
    ContainerSpec spec =
        new ContainerSpec(
            "shoal-test-" + uid + "-missing",
            sandbox,
            "shoal-test/absent:0",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            labels("missing"));
    RuntimeFailure f = assertFails(runtime.runContainer(spec));
    assertEquals(RuntimeFailure.Kind.IMAGE_NOT_PRESENT, f.kind());
    assertFalse(await(runtime.imagePresent("shoal-test/absent:0")));
    assertEquals(1, await(runtime.list(Map.of(ShoalLabels.POD_UID, uid))).size());
  }

  @Test
  void aCommandThatCannotStartLeavesACreatedContainerAndSaysWhy() {
    String sandbox = sandbox();
    ContainerSpec spec =
        new ContainerSpec(
            "shoal-test-" + uid + "-bad",
            sandbox,
            TestImages.BUSYBOX,
            List.of("/no/such/binary"),
            null,
            null,
            null,
            null,
            null,
            null,
            labels("bad"));
    RuntimeFailure f = assertFails(runtime.runContainer(spec));
    assertEquals(RuntimeFailure.Kind.START_FAILED, f.kind());
    assertNotNull(f.containerId());
    assertTrue(f.getMessage().contains("no such file"), f.getMessage());
    assertFalse(await(runtime.inspect(f.containerId())).running());
  }

  @Test
  void noEngineGivesAnErrorNamingTheAddressAndTheFix() {
    Vertx v = Vertx.vertx();
    try {
      RuntimeFailure f =
          assertFails(
              DockerRuntime.connect(
                  v,
                  new DockerConfig(
                      "unix:///tmp/shoal-no-such-docker.sock", null, Duration.ofSeconds(10), 1)));
      assertEquals(RuntimeFailure.Kind.FATAL, f.kind());
      assertTrue(f.getMessage().contains("unix:///tmp/shoal-no-such-docker.sock"), f.getMessage());
      assertTrue(f.getMessage().contains("--docker-host"), f.getMessage());
    } finally {
      await(v.close());
    }
  }

  private static RuntimeFailure assertFails(Future<?> f) {
    try {
      await(f);
    } catch (RuntimeFailure e) {
      return e;
    }
    throw new AssertionError("expected a RuntimeFailure");
  }
}
