package dev.shoal.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code testbed/testbed} commands. Its progress (stderr) goes to the test output; what it
 * prints on stdout is returned. A command that fails or overruns its time limit throws with its
 * exit status.
 */
public final class Testbed {
  private static final Duration UP_LIMIT = Duration.ofMinutes(5);
  private static final Duration COMMAND_LIMIT = Duration.ofMinutes(2);

  private final Path script;

  private Testbed(Path script) {
    this.script = script;
  }

  /**
   * The script of this checkout: {@code -Dshoal.root} if set, else the nearest folder above with
   * one.
   */
  public static Testbed locate() {
    String configured = System.getProperty("shoal.root");
    Path dir =
        (configured != null ? Path.of(configured) : Path.of("")).toAbsolutePath().normalize();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path candidate = d.resolve("testbed/testbed");
      if (Files.isExecutable(candidate)) {
        return new Testbed(candidate);
      }
    }
    throw new IllegalStateException("no executable testbed/testbed at or above " + dir);
  }

  public List<Host> up(int hosts) {
    List<Host> result = new ArrayList<>();
    for (String line : run(UP_LIMIT, "up", Integer.toString(hosts)).split("\n")) {
      if (!line.isBlank()) {
        result.add(Host.parse(line));
      }
    }
    if (result.size() != hosts) {
      throw new IllegalStateException(
          "testbed up " + hosts + " printed " + result.size() + " hosts");
    }
    return result;
  }

  public void down() {
    run(COMMAND_LIMIT, "down");
  }

  /** SIGKILL the host's agent. */
  public void kill(Host host) {
    run(COMMAND_LIMIT, "kill", host.name());
  }

  /** SIGTERM the host's agent and wait until it has shut down. */
  public void stop(Host host) {
    run(UP_LIMIT, "stop", host.name());
  }

  /** SIGKILL the host's agent, engine and containers. */
  public void crash(Host host) {
    run(COMMAND_LIMIT, "crash", host.name());
  }

  /** Start the host's engine (if down) and agent (if down); returns once it answers /readyz. */
  public void restart(Host host) {
    run(UP_LIMIT, "restart", host.name());
  }

  /**
   * Starts the host's agent with extra agent flags (e.g. a wrong {@code --join-secret-file}); fails
   * if the agent exits instead of becoming ready.
   */
  public void restartWithAgentArgs(Host host, String agentArgs) {
    run(UP_LIMIT, java.util.Map.of("TESTBED_AGENT_ARGS", agentArgs), "restart", host.name());
  }

  public void cut(Host host) {
    run(COMMAND_LIMIT, "cut", host.name());
  }

  public void heal(Host host) {
    run(COMMAND_LIMIT, "heal", host.name());
  }

  /** The docker CLI against the host's engine; returns its stdout. */
  public String docker(Host host, String... args) {
    List<String> all = new ArrayList<>(List.of("docker", host.name(), "--"));
    all.addAll(List.of(args));
    return run(COMMAND_LIMIT, all.toArray(String[]::new));
  }

  /** A command in the host's network namespace (e.g. {@code ip -j route}); returns its stdout. */
  public String exec(Host host, String... command) {
    List<String> all = new ArrayList<>(List.of("exec", host.name(), "--"));
    all.addAll(List.of(command));
    return run(COMMAND_LIMIT, all.toArray(String[]::new));
  }

  /** Where the test bed keeps every agent's and engine's log. */
  /** The {@code testbed} script, for commands a test runs as a process of its own. */
  public Path script() {
    return script;
  }

  public Path logDir(Host host) {
    return Path.of(run(COMMAND_LIMIT, "logs", host.name()).split("\n")[0]).getParent();
  }

  public String run(Duration limit, String... args) {
    return run(limit, java.util.Map.of(), args);
  }

  private String run(Duration limit, java.util.Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("testbed-", ".out");
      try {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process =
            builder
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(
              String.join(" ", command) + " did not finish within " + limit);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
          throw new IllegalStateException(
              String.join(" ", command)
                  + " exited with "
                  + process.exitValue()
                  + (stdout.isBlank() ? "" : "; stdout:\n" + stdout));
        }
        return stdout;
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }
}
