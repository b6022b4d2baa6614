package dev.shoal.agent.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shoal.agent.runtime.BindMount;
import dev.shoal.agent.runtime.ContainerSpec;
import dev.shoal.agent.runtime.ShoalLabels;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.EnvVar;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodDNSConfig;
import dev.shoal.manifests.model.PodDNSConfigOption;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.ResourceRequirements;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pod spec to runtime spec: $(VAR) expansion, command/args, limits, volumes, labels and
 * resolv.conf.
 */
class PodSpecTranslationTest {
  private final WorkerConfig config =
      WorkerConfig.defaults(Path.of("/data"), "192.0.2.1")
          .withClusterDns("198.19.0.10", "cluster.local");
  private final PodContainers specs =
      new PodContainers("node-a", config, new PodVolumes(Path.of("/data"), null));

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "plain text                 | hello             | hello",
        "defined variable           | $(A)-x            | one-x",
        "two variables              | $(A)$(B)          | onetwo",
        "undefined stays as written | $(NOPE)           | $(NOPE)",
        "escaped dollar             | $$(A)             | $(A)",
        "lone dollar                | cost $5           | cost $5",
        "unclosed reference         | $(A               | $(A",
      })
  void expandsReferences(String name, String input, String expected) {
    assertEquals(expected, EnvExpansion.expand(input, Map.of("A", "one", "B", "two")));
  }

  @Test
  void containerSpecFollowsKubernetesSemantics() {
    Container c =
        new Container(
            "app",
            "img:1",
            List.of("/bin/server", "--name=$(NAME)"),
            List.of("$(GREETING)"),
            "/srv",
            List.of(new EnvVar("NAME", "web"), new EnvVar("GREETING", "hi $(NAME)")),
            null,
            new ResourceRequirements(null, Map.of("cpu", "500m", "memory", "64Mi")),
            null,
            List.of(
                new dev.shoal.manifests.model.VolumeMount("data", "/var/data", true),
                new dev.shoal.manifests.model.VolumeMount("host", "/host", null)),
            null,
            null);
    Pod pod = TestPods.pod("web", "node-a", "Always", 7, List.of(c));
    pod =
        pod.withSpec(
            pod.spec()
                .withVolumes(
                    List.of(TestPods.emptyDir("data"), TestPods.hostPath("host", "/etc/x"))));
    ContainerSpec s = specs.container(pod, c, false, "sandbox-id", 4);
    assertEquals(List.of("/bin/server", "--name=web"), s.entrypoint());
    assertEquals(List.of("hi web"), s.cmd());
    assertEquals(Map.of("NAME", "web", "GREETING", "hi web"), s.env());
    assertEquals(500_000_000L, s.nanoCpus());
    assertEquals(64L * 1024 * 1024, s.memoryBytes());
    assertEquals(
        List.of(
            new BindMount(
                "/data/pods/" + pod.metadata().uid() + "/volumes/data", "/var/data", true),
            new BindMount("/etc/x", "/host", false)),
        s.binds());
    assertEquals("shoal_app_web_default_" + pod.metadata().uid() + "_4", s.name());
    assertEquals("4", s.labels().get(ShoalLabels.RESTART_COUNT));
    assertEquals("7", s.labels().get(ShoalLabels.GRACE_SECONDS));
    assertEquals("sandbox-id", s.labels().get(ShoalLabels.SANDBOX_ID));
    assertEquals("node-a", s.labels().get(ShoalLabels.NODE));
    assertEquals(PodContainers.hash(c), s.labels().get(ShoalLabels.CONTAINER_HASH));

    ContainerSpec bare = specs.container(pod, Container.of("bare", "img:1"), true, "sandbox-id", 0);
    assertNull(bare.entrypoint(), "no command keeps the image's ENTRYPOINT");
    assertNull(bare.cmd(), "no args keeps the image's CMD");
    assertNull(bare.nanoCpus());
  }

  @Test
  void resolvConfFollowsDnsPolicy() {
    String host = "nameserver 192.0.2.1\nsearch corp.example\n";
    Pod pod = TestPods.pod("web", "node-a", "Always", 1, List.of(Container.of("app", "img:1")));
    PodDns first = PodDns.of(pod, config.clusterDns(), config.clusterDomain(), host);
    assertEquals(List.of("198.19.0.10"), first.servers());
    assertEquals(
        List.of("default.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example"),
        first.searches());
    assertEquals(List.of("ndots:5"), first.options());

    PodSpec none =
        new PodSpec(
            null,
            pod.spec().containers(),
            null,
            null,
            "None",
            null,
            null,
            null,
            null,
            null,
            new PodDNSConfig(
                List.of("192.0.2.53"),
                List.of("example.test"),
                List.of(new PodDNSConfigOption("edns0", null))),
            null,
            null,
            null);
    PodDns custom =
        PodDns.of(pod.withSpec(none), config.clusterDns(), config.clusterDomain(), host);
    assertEquals(List.of("192.0.2.53"), custom.servers());
    assertEquals(List.of("example.test"), custom.searches());
    assertEquals(List.of("edns0"), custom.options());

    assertEquals(
        PodDns.ENGINE_DEFAULT,
        PodDns.of(pod, null, "cluster.local", host),
        "no cluster DNS: the engine's own resolv.conf is kept");
    PodSpec byDefault =
        new PodSpec(
            null,
            pod.spec().containers(),
            null,
            null,
            "Default",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertEquals(
        PodDns.ENGINE_DEFAULT,
        PodDns.of(pod.withSpec(byDefault), config.clusterDns(), "cluster.local", host));
  }

  @Test
  void hostPortsArePublishedOnTheSandbox() {
    Container web =
        Container.of("web", "img:1")
            .withPorts(
                List.of(
                    new dev.shoal.manifests.model.ContainerPort("http", 80, 8080, "TCP"),
                    new dev.shoal.manifests.model.ContainerPort("dns", 53, 5353, "UDP"),
                    new dev.shoal.manifests.model.ContainerPort("internal", 9090, null, null)));
    Pod pod = TestPods.pod("web", "node-a", "Always", 1, List.of(web));
    var sandbox = specs.sandbox(pod, "shoal/pause:1", 2);
    assertEquals(
        List.of(
            new dev.shoal.agent.runtime.PortMapping(null, 8080, 80, "TCP"),
            new dev.shoal.agent.runtime.PortMapping(null, 5353, 53, "UDP")),
        sandbox.ports());
    assertEquals("web", sandbox.hostname());
    assertEquals("2", sandbox.labels().get(ShoalLabels.RESTART_COUNT));
    assertEquals("bridge", sandbox.network());
  }
}
