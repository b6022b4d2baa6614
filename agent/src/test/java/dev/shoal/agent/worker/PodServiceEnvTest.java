package dev.shoal.agent.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.EnvVar;
import dev.shoal.manifests.model.Pod;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Containers get their namespace's service-link variables first; their own env wins and may refer
 * to them.
 */
class PodServiceEnvTest {

  @Test
  void serviceVariablesComeFirstAndTheContainersOwnWin() {
    PodContainers specs =
        new PodContainers(
            "node-a",
            WorkerConfig.defaults(Path.of("/data"), "192.0.2.1"),
            new PodVolumes(Path.of("/data"), null));
    specs.serviceEnv(
        ns ->
            "default".equals(ns)
                ? Map.of("WEB_SERVICE_HOST", "10.96.0.20", "WEB_SERVICE_PORT", "80")
                : Map.of());
    Container c = TestPods.sh("app", "true");
    c =
        new Container(
            c.name(),
            c.image(),
            c.command(),
            c.args(),
            c.workingDir(),
            List.of(
                new EnvVar("WEB_SERVICE_PORT", "8080"),
                new EnvVar("URL", "http://$(WEB_SERVICE_HOST)")),
            c.ports(),
            c.resources(),
            c.imagePullPolicy(),
            c.volumeMounts(),
            c.readinessProbe(),
            c.livenessProbe());
    Pod pod = TestPods.pod("web", "node-a", "Always", 1, List.of(c));
    Map<String, String> env = specs.container(pod, c, false, "sandbox", 0).env();
    assertEquals("10.96.0.20", env.get("WEB_SERVICE_HOST"));
    assertEquals("8080", env.get("WEB_SERVICE_PORT"));
    assertEquals("http://10.96.0.20", env.get("URL"));
  }
}
