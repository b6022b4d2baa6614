package dev.shoal.agent.smoke;

import dev.shoal.agent.AgentVerticle;
import dev.shoal.agent.config.ConfigLoader;
import dev.shoal.agent.runtime.ShoalLabels;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One whole agent in this JVM, as the tests that drive it from outside start it: its own data dir,
 * API, cluster and DNS ports picked by the kernel, no host firewall and the engine's default bridge
 * network (Shoal's own pod network and firewall are tested in namespaces), and a namespace name of
 * its own for the test's objects. {@link #kubectl} runs the real kubectl with the admin kubeconfig
 * the agent wrote and a fresh cache dir; {@link #close} stops the agent and removes every container
 * of its node (whatever namespace the test used), which the agent leaves running on purpose (the
 * next start adopts them).
 */
public final class LocalAgent implements AutoCloseable {

  /** How a kubectl run ended. */
  public record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  public final String namespace;
  public final Vertx vertx;
  public final AgentVerticle agent;
  public final Path dataDir;
  private final Path cacheDir;

  private LocalAgent(String namespace, Vertx vertx, AgentVerticle agent, Path dataDir, Path cache) {
    this.namespace = namespace;
    this.vertx = vertx;
    this.agent = agent;
    this.dataDir = dataDir;
    this.cacheDir = cache;
  }

  /**
   * Starts an agent whose node is {@code <prefix>-xxxxxx-node}, with {@code extraArgs} appended.
   */
  public static LocalAgent start(String prefix, String... extraArgs) throws Exception {
    String namespace = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    Path dataDir = Files.createTempDirectory("shoal-" + prefix);
    Path cacheDir = Files.createTempDirectory("shoal-" + prefix + "-kubectl-cache");
    List<String> args =
        new ArrayList<>(
            List.of(
                "--node-name",
                namespace + "-node",
                "--data-dir",
                dataDir.toString(),
                "--api-port",
                "0",
                "--cluster-port",
                "0",
                "--dns-host",
                "127.0.0.1",
                "--dns-port",
                "0",
                "--firewall",
                "false",
                "--pod-network",
                "bridge"));
    args.addAll(Arrays.asList(extraArgs));
    Vertx vertx = Vertx.vertx();
    AgentVerticle agent = new AgentVerticle(ConfigLoader.load(args, Map.of()));
    await(vertx.deployVerticle(agent));
    return new LocalAgent(namespace, vertx, agent, dataDir, cacheDir);
  }

  public String nodeName() {
    return namespace + "-node";
  }

  public int apiPort() {
    return agent.apiPort();
  }

  public String adminToken() throws IOException {
    return Files.readString(dataDir.resolve("admin.token")).trim();
  }

  /** The real kubectl with the agent's {@code admin.kubeconfig} and this agent's cache dir. */
  public Run kubectl(String... args) throws Exception {
    Process process = new ProcessBuilder(kubectlCommand(args)).start();
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
    }
    return new Run(process.exitValue(), out, err.get(10, TimeUnit.SECONDS));
  }

  /** The command line {@link #kubectl} runs, for a test that reads a long-running one itself. */
  public List<String> kubectlCommand(String... args) {
    List<String> command = new ArrayList<>();
    command.add("kubectl");
    command.add("--kubeconfig=" + dataDir.resolve("admin.kubeconfig"));
    command.add("--cache-dir=" + cacheDir);
    command.addAll(Arrays.asList(args));
    return command;
  }

  @Override
  public void close() throws Exception {
    await(vertx.close());
    new ProcessBuilder(
            "sh",
            "-c",
            "docker ps -aq --filter label="
                + ShoalLabels.NODE
                + "="
                + nodeName()
                + " | xargs -r docker rm -f")
        .inheritIO()
        .start()
        .waitFor(60, TimeUnit.SECONDS);
  }

  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  private static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
