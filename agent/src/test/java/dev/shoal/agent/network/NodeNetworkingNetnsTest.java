package dev.shoal.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.runtime.docker.TestImages;
import dev.shoal.overlay.exec.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pod network, overlay and service dataplane together on one host, for real: a fresh network
 * namespace with its own Docker engine, and {@link NodeNetworkingChild} run as a JVM inside it (the
 * proxy must share the namespace of the engine's bridge). A pod reaches two pods through a
 * ClusterIP, round-robin. Needs root, {@code dockerd} and {@code nsenter}.
 */
@Tag("netns")
@Tag("docker")
class NodeNetworkingNetnsTest {

  private static final CommandRunner HOST = new CommandRunner(List.of(), Duration.ofSeconds(30));
  private final String id = UUID.randomUUID().toString().substring(0, 6);
  private final String ns = "shoaltest-nn-" + id;
  private final Path root = Path.of("/tmp", "shoaltest-nn-" + id);
  private final String dockerHost = "unix://" + root.resolve("docker.sock");
  private Process dockerd;

  @BeforeEach
  void hostWithItsOwnEngine() throws Exception {
    HOST.check(List.of("ip", "netns", "add", ns));
    ip("link", "set", "lo", "up");
    ip("link", "add", "ul0", "type", "bridge");
    ip("addr", "add", "192.0.2.10/24", "dev", "ul0");
    ip("link", "set", "ul0", "up");
    Files.createDirectories(root);
    dockerd =
        new ProcessBuilder(
                "nsenter",
                "--net=/run/netns/" + ns,
                "dockerd",
                "--data-root",
                root.resolve("data").toString(),
                "--exec-root",
                root.resolve("exec").toString(),
                "--pidfile",
                root.resolve("dockerd.pid").toString(),
                "-H",
                dockerHost)
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("dockerd.log").toFile())
            .start();
    // dockerd announces nothing when its API is up: ask it, through the one polling loop.
    Eventually.check(
        () -> {
          assertTrue(
              dockerd.isAlive(),
              "dockerd exited: " + Files.readString(root.resolve("dockerd.log")));
          return HOST.run(List.of("docker", "-H", dockerHost, "version")).exitCode() == 0;
        },
        Duration.ofSeconds(30),
        Duration.ofMillis(200),
        "dockerd's API up");
    ProcessBuilder build =
        new ProcessBuilder("bash", locate("testbed/images/build").toString())
            .redirectErrorStream(true);
    build.environment().put("DOCKER_HOST", dockerHost);
    Process p = build.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
  }

  @AfterEach
  void removeEverything() throws Exception {
    try {
      String ids = HOST.run(List.of("docker", "-H", dockerHost, "ps", "-aq")).stdout().trim();
      if (!ids.isEmpty()) {
        List<String> rm = new ArrayList<>(List.of("docker", "-H", dockerHost, "rm", "-f"));
        rm.addAll(List.of(ids.split("\\s+")));
        HOST.run(rm);
      }
    } finally {
      if (dockerd != null) {
        dockerd.destroy();
        if (!dockerd.waitFor(30, TimeUnit.SECONDS)) {
          dockerd.destroyForcibly();
        }
      }
      for (String mount :
          Files.readAllLines(Path.of("/proc/mounts")).stream()
              .map(l -> l.split(" ")[1])
              .filter(m -> m.startsWith(root.toString()))
              .sorted(Comparator.reverseOrder())
              .toList()) {
        HOST.run(List.of("umount", mount));
      }
      HOST.run(List.of("ip", "netns", "del", ns));
      try (Stream<Path> files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  void aPodReachesTwoPodsThroughAClusterIpAndTheySeeItsAddress() throws Exception {
    List<String> command =
        List.of(
            "nsenter",
            "--net=/run/netns/" + ns,
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            NodeNetworkingChild.class.getName(),
            dockerHost,
            TestImages.BUSYBOX);
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try {
                output.append(
                    new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                output.append(e);
              }
            });
    reader.start();
    boolean finished = child.waitFor(240, TimeUnit.SECONDS);
    if (!finished) {
      child.destroyForcibly();
    }
    reader.join(10_000);
    String results =
        output
            .toString()
            .lines()
            .filter(l -> l.startsWith("RESULT"))
            .reduce("", (a, b) -> a + b + "\n");
    System.out.print(results);
    assertTrue(finished, "the node process did not finish:\n" + output);
    assertEquals(0, child.exitValue(), output.toString());
    assertTrue(results.contains("RESULT network shoal"), results);
    assertTrue(results.contains("RESULT pod1 198.18.0."), results);
    String client =
        results
            .lines()
            .filter(l -> l.startsWith("RESULT client "))
            .findFirst()
            .orElseThrow()
            .substring("RESULT client ".length());
    assertTrue(
        results.contains("[pod1 " + client + ", pod2 " + client + "]"),
        "both backends answered and saw the client pod's address (no masquerade on one node): "
            + results);
    assertTrue(
        results.contains(
            "RESULT no endpoints: nc: can't connect to remote host (198.19.0.11): Connection refused"),
        results);
    assertTrue(
        results.contains("RESULT hairpin pod1 "),
        "a pod reaches itself through its service: " + results);
    long back =
        Long.parseLong(results.replaceAll("(?s).*RESULT element back after (\\d+) ms.*", "$1"));
    assertTrue(back < 1000, "a map element deleted by hand is back within 1 s: " + results);
    assertTrue(
        !results.contains("table inet shoal"), "stop with cleanup removed the table: " + results);
    assertTrue(
        !ip("link", "show").contains("shoal-"),
        "stop with cleanup removed the overlay devices and bridge");
  }

  private String ip(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns));
    cmd.addAll(List.of(args));
    return HOST.check(cmd);
  }

  private static Path locate(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
  }
}
