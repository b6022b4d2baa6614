package dev.shoal.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @Test
  void flagsBeatEnvironmentWhichBeatsTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("shoal.json");
    Files.writeString(
        file, "{\"api-port\": 1000, \"node-name\": \"from-file\", \"pod-network\": \"pods\"}");
    AgentConfig config =
        ConfigLoader.load(
            List.of("--config", file.toString(), "--api-port=3000"),
            Map.of("SHOAL_API_PORT", "2000", "SHOAL_NODE_NAME", "From-Env"));
    assertEquals(3000, config.apiPort());
    assertEquals(
        "from-env", config.nodeName(), "node names are lower-cased like Kubernetes node names");
    assertEquals("pods", config.podNetwork());
  }

  @Test
  void clusterFlags() throws Exception {
    AgentConfig config =
        ConfigLoader.load(
            List.of(
                "--join",
                "192.0.2.11,192.0.2.12:5702",
                "--cluster-host",
                "192.0.2.13",
                "--failure-timeout-seconds",
                "4"),
            Map.of());
    assertEquals(List.of("192.0.2.11:5701", "192.0.2.12:5702"), config.cluster().join());
    assertEquals("192.0.2.13", config.cluster().bindHost());
    assertEquals(Duration.ofSeconds(4), config.cluster().maxNoHeartbeat());
  }

  @Test
  void clusterPortZeroTakesAnyFreePortButOnlyWithoutTheFirewall() throws Exception {
    assertEquals(
        0,
        ConfigLoader.load(List.of("--cluster-port", "0", "--firewall", "false"), Map.of())
            .cluster()
            .port());
    assertEquals(
        "--cluster-port 0 (any free port) needs --firewall false",
        message(List.of("--cluster-port", "0")));
  }

  @Test
  void aBooleanFlagAloneMeansTrue() throws Exception {
    assertFalse(ConfigLoader.defaults().cleanup());
    assertTrue(ConfigLoader.load(List.of("--cleanup"), Map.of()).cleanup());
    AgentConfig both = ConfigLoader.load(List.of("--cleanup", "--firewall", "false"), Map.of());
    assertTrue(both.cleanup());
    assertFalse(both.security().firewall());
    assertFalse(ConfigLoader.load(List.of("--cleanup", "false"), Map.of()).cleanup());
    assertTrue(message(List.of("--cleanup", "yes")).contains("must be true or false"));
  }

  @Test
  void dockerHostFallsBackToDockerHostVariable() throws Exception {
    assertEquals(
        "tcp://10.0.0.1:2375",
        ConfigLoader.load(List.of(), Map.of("DOCKER_HOST", "tcp://10.0.0.1:2375")).dockerHost());
  }

  @Test
  void mistakesAreExplained() {
    assertTrue(message(List.of("--api-prot", "1")).contains("unknown flag --api-prot"));
    assertTrue(message(List.of("--api-port", "http")).contains("whole number"));
    assertTrue(message(List.of("--api-port", "70000")).contains("between 0 and 65535"));
    assertTrue(message(List.of("--join")).contains("needs a value"));
    assertTrue(
        message(List.of("--heartbeat-seconds", "5", "--failure-timeout-seconds", "3"))
            .contains("longer"));
    assertTrue(
        message(List.of("--pod-cidr", "10.244.1.0/16")).startsWith("--pod-cidr"),
        message(List.of("--pod-cidr", "10.244.1.0/16")));
    assertTrue(message(List.of("--service-cidr", "banana")).startsWith("--service-cidr"));
  }

  private static String message(List<String> args) {
    return assertThrows(ConfigLoader.ConfigException.class, () -> ConfigLoader.load(args, Map.of()))
        .getMessage();
  }
}
