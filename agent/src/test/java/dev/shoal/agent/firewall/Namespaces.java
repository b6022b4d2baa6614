package dev.shoal.agent.firewall;

import dev.shoal.overlay.exec.CommandRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces for one test ({@code shfw-<random>-<role>}), the commands to wire them, and
 * {@link NetnsProbe} JVMs inside them; {@link #close} kills the probes and deletes the namespaces.
 * Every step fails loudly when {@code ip netns} or root is missing: these tests never skip.
 */
final class Namespaces implements AutoCloseable {

  static final CommandRunner HOST = new CommandRunner(List.of(), Duration.ofSeconds(10));

  private final String id = UUID.randomUUID().toString().substring(0, 6);
  private final List<String> created = new ArrayList<>();
  private final List<Probe> probes = new ArrayList<>();

  /** Creates {@code shfw-<id>-<role>} with loopback up; returns its name. */
  String add(String role) throws Exception {
    String name = "shfw-" + id + "-" + role;
    HOST.check(List.of("ip", "netns", "add", name));
    created.add(name);
    ip(name, "link", "set", "lo", "up");
    return name;
  }

  /** Commands run inside namespace {@code ns} (iptables, sysctl, cat). */
  static CommandRunner inside(String ns) {
    return new CommandRunner(List.of("nsenter", "--net=/run/netns/" + ns), Duration.ofSeconds(10));
  }

  static String ip(String ns, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ip", "-n", ns));
    argv.addAll(List.of(args));
    return HOST.check(argv);
  }

  /**
   * A veth pair {@code left}@{@code a} (address {@code aAddr}) and {@code right}@{@code b} ({@code
   * bAddr}), both up.
   */
  static void veth(String a, String left, String aAddr, String b, String right, String bAddr)
      throws Exception {
    ip(a, "link", "add", left, "type", "veth", "peer", "name", right, "netns", b);
    if (aAddr != null) {
      ip(a, "addr", "add", aAddr, "dev", left);
    }
    if (bAddr != null) {
      ip(b, "addr", "add", bAddr, "dev", right);
    }
    ip(a, "link", "set", left, "up");
    ip(b, "link", "set", right, "up");
  }

  /**
   * Starts a probe in {@code ns} serving the given {@code tcp:PORT}/{@code udp:PORT}s; waits for
   * READY.
   */
  Probe probe(String ns, String... serve) throws Exception {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "nsenter",
                "--net=/run/netns/" + ns,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                NetnsProbe.class.getName()));
    argv.addAll(List.of(serve));
    Process process =
        new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Probe probe = new Probe(ns, process);
    probes.add(probe);
    String ready = probe.read(Duration.ofSeconds(30));
    if (!"READY".equals(ready)) {
      throw new AssertionError("probe in " + ns + " did not start: " + ready);
    }
    return probe;
  }

  @Override
  public void close() throws Exception {
    for (Probe p : probes) {
      p.process.destroyForcibly();
      p.process.waitFor(10, TimeUnit.SECONDS);
    }
    List<String> failures = new ArrayList<>();
    for (String ns : created) {
      CommandRunner.Result r = HOST.run(List.of("ip", "netns", "del", ns));
      if (r.exitCode() != 0) {
        failures.add(ns + ": " + r.stderr().strip());
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionError("could not delete namespaces " + failures);
    }
  }

  /** One probe JVM: a command line in, one answer line out. */
  static final class Probe {
    private final String ns;
    private final Process process;
    private final PrintWriter in;
    private final BufferedReader out;

    private Probe(String ns, Process process) {
      this.ns = ns;
      this.process = process;
      this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
      this.out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Sends one command and returns its answer ({@code OK} or {@code FAIL ...}). */
    String ask(String command) throws Exception {
      in.println(command);
      String answer = read(Duration.ofSeconds(20));
      if (answer == null) {
        throw new AssertionError("probe in " + ns + " died on: " + command);
      }
      return answer;
    }

    /**
     * {@code connect} with a timeout that a dropped SYN (first retransmit after 1 s) cannot meet.
     */
    boolean connects(String host, int port) throws Exception {
      return ask("connect " + host + " " + port + " 800").equals("OK");
    }

    private String read(Duration timeout) throws Exception {
      CompletableFuture<String> line =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return out.readLine();
                } catch (IOException e) {
                  return null;
                }
              });
      return line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
