package dev.shoal.agent.runtime.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.runtime.ContainerSecurity;
import dev.shoal.agent.runtime.ContainerSpec;
import dev.shoal.agent.runtime.RuntimeFailure;
import dev.shoal.agent.runtime.SandboxSpec;
import dev.shoal.agent.runtime.ShoalLabels;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine honours a container's privileges: user, read-only root, dropped and added
 * capabilities, privileged.
 */
class ContainerSecurityDockerTest extends RealEngineTest {
  ContainerSecurityDockerTest() {
    super("sec-");
  }

  private String run(String name, String sandbox, ContainerSecurity security) {
    return await(
        runtime.runContainer(
            new ContainerSpec(
                "shoal-test-" + uid + "-" + name,
                sandbox,
                TestImages.BUSYBOX,
                List.of("sleep", "1000"),
                null,
                null,
                null,
                null,
                null,
                List.of(),
                labels(name),
                security)));
  }

  private String sh(String id, String script) {
    return await(runtime.exec(id, List.of("sh", "-c", script), Duration.ofSeconds(5)))
        .output()
        .strip();
  }

  @Test
  void userReadOnlyRootAndCapabilitiesAreApplied() {
    String image = await(runtime.ensureSandboxImage());
    String sandbox =
        await(
            runtime.runSandbox(
                new SandboxSpec(
                    "shoal-test-" + uid + "-pod",
                    image,
                    "bridge",
                    "p",
                    null,
                    null,
                    null,
                    null,
                    labels(ShoalLabels.SANDBOX))));

    String plain = run("plain", sandbox, ContainerSecurity.DEFAULT);
    String locked =
        run(
            "locked",
            sandbox,
            new ContainerSecurity(false, List.of(), List.of("ALL"), "1000", true));
    String admin =
        run(
            "admin",
            sandbox,
            new ContainerSecurity(false, List.of("NET_ADMIN"), List.of(), null, false));

    assertEquals("0", sh(plain, "id -u"));
    assertEquals("1000", sh(locked, "id -u"));
    assertEquals(
        "read-only", sh(locked, "touch /x 2>/dev/null && echo writable || echo read-only"));
    assertEquals("writable", sh(plain, "touch /x 2>/dev/null && echo writable || echo read-only"));
    assertEquals("0000000000000000", sh(locked, "grep CapEff /proc/self/status | cut -f2"));
    long plainCaps = Long.parseLong(sh(plain, "grep CapBnd /proc/self/status | cut -f2"), 16);
    long adminCaps = Long.parseLong(sh(admin, "grep CapBnd /proc/self/status | cut -f2"), 16);
    long netAdmin = 1L << 12;
    assertEquals(0, plainCaps & netAdmin, "NET_ADMIN is not in the engine's default set");
    assertEquals(netAdmin, adminCaps & netAdmin, "NET_ADMIN was added");
  }

  @Test
  void privilegedIsAskedOfTheEngine() throws Exception {
    String image = await(runtime.ensureSandboxImage());
    String sandbox =
        await(
            runtime.runSandbox(
                new SandboxSpec(
                    "shoal-test-" + uid + "-pod",
                    image,
                    "bridge",
                    "p",
                    null,
                    null,
                    null,
                    null,
                    labels(ShoalLabels.SANDBOX))));
    String name = "shoal-test-" + uid + "-privileged";
    try {
      run("privileged", sandbox, new ContainerSecurity(true, List.of(), List.of(), null, false));
    } catch (RuntimeFailure e) {
      // Where the engine itself lacks capabilities (as on this build machine), runc cannot start a
      // privileged
      // container; the container is still created as asked, which is what this test checks.
      assertEquals(RuntimeFailure.Kind.START_FAILED, e.kind(), e::getMessage);
    }
    Process inspect =
        new ProcessBuilder("docker", "inspect", "-f", "{{.HostConfig.Privileged}}", name)
            .redirectErrorStream(true)
            .start();
    String out = new String(inspect.getInputStream().readAllBytes()).strip();
    assertEquals(0, inspect.waitFor(), out);
    assertEquals("true", out);
  }

  @Test
  void anUnknownCapabilityIsAnInvalidSpec() {
    RuntimeFailure e =
        assertThrows(
            RuntimeFailure.class,
            () ->
                run(
                    "bad",
                    "none",
                    new ContainerSecurity(false, List.of("NOT_A_CAP"), List.of(), null, false)));
    assertEquals(RuntimeFailure.Kind.INVALID_SPEC, e.kind());
    assertTrue(e.getMessage().contains("NOT_A_CAP"), e::getMessage);
  }
}
