package dev.shoal.agent.network;

import static dev.shoal.agent.control.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.runtime.ContainerInfo;
import dev.shoal.agent.runtime.RuntimeFailure;
import dev.shoal.agent.runtime.SandboxSpec;
import dev.shoal.agent.runtime.ShoalLabels;
import dev.shoal.agent.runtime.docker.DockerConfig;
import dev.shoal.agent.runtime.docker.DockerRuntime;
import dev.shoal.overlay.exec.CommandRunner;
import dev.shoal.overlay.ipam.Cidr;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The pod bridge on the real engine: a network like {@code shoal} (unique name and bridge per run,
 * a random /24 of 198.18.0.0/16) with gateway .1, MTU 1450 and no engine masquerading; a sandbox on
 * it gets an address of the subnet; ensuring again changes nothing; everything is removed
 * afterwards.
 */
@Tag("docker")
class PodBridgeDockerTest {

  @Test
  void aSandboxOnThePodBridgeGetsAnAddressOfTheSubnet() throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 6);
    Cidr subnet = Cidr.of("198.18." + ThreadLocalRandom.current().nextInt(100, 250) + ".0/24");
    PodBridgeSpec spec =
        new PodBridgeSpec("shoal-test-" + id, "shtst" + id, subnet, subnet.nthText(1), 1450);
    Vertx vertx = Vertx.vertx();
    DockerRuntime runtime = await(DockerRuntime.connect(vertx, DockerConfig.fromEnvironment()));
    RuntimePodBridges bridges = new RuntimePodBridges(runtime);
    String sandbox = null;
    try {
      await(bridges.ensure(spec));
      await(bridges.ensure(spec));
      String image = await(runtime.ensureSandboxImage());
      sandbox =
          await(
              runtime.runSandbox(
                  new SandboxSpec(
                      "shoal-test-" + id + "-pod",
                      image,
                      spec.name(),
                      "pod",
                      List.of(),
                      List.of(),
                      List.of(),
                      List.of(),
                      Map.of(ShoalLabels.POD_UID, "nettest-" + id))));
      ContainerInfo info = await(runtime.inspect(sandbox));
      assertNotNull(info.ipAddress());
      assertTrue(subnet.contains(info.ipAddress()), info.ipAddress() + " in " + subnet);
      assertTrue(!info.ipAddress().equals(spec.gateway()));

      CommandRunner host = new CommandRunner(List.of(), Duration.ofSeconds(10));
      String link = host.check(List.of("ip", "-d", "link", "show", spec.bridge()));
      assertTrue(link.contains("mtu 1450"), link);
      assertTrue(
          !host.check(List.of("iptables", "-t", "nat", "-S", "POSTROUTING"))
              .contains(subnet.toString()),
          "the engine does not masquerade the pod subnet");
      assertTrue(
          host.check(List.of("ip", "-4", "addr", "show", "dev", spec.bridge()))
              .contains(spec.gateway() + "/24"));

      PodBridgeSpec moved =
          new PodBridgeSpec(
              spec.name(), spec.bridge(), Cidr.of("198.18.99.0/24"), "198.18.99.1", 1450);
      ExecutionException refused =
          assertThrows(ExecutionException.class, () -> await(bridges.ensure(moved)));
      assertEquals(
          RuntimeFailure.Kind.FATAL,
          assertInstanceOf(RuntimeFailure.class, refused.getCause()).kind());
    } finally {
      if (sandbox != null) {
        await(runtime.remove(sandbox));
      }
      await(bridges.remove(spec.name()));
      await(bridges.remove(spec.name()));
      await(runtime.close());
      await(vertx.close());
    }
    CommandRunner.Result gone =
        new CommandRunner(List.of(), Duration.ofSeconds(10))
            .run(List.of("ip", "link", "show", spec.bridge()));
    assertTrue(gone.exitCode() != 0, "the bridge is gone");
  }
}
