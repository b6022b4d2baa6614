package dev.shoal.overlay.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command with a fixed prefix (for example {@code nsenter --net=/run/netns/NS}) and a
 * timeout, and returns its exit code and output. Blocking.
 */
public final class CommandRunner {

  public record Result(int exitCode, String stdout, String stderr) {}

  /** Output readers: two per running command, daemon threads so a stuck one never holds the JVM. */
  private static final ExecutorService READERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "command-output");
            t.setDaemon(true);
            return t;
          });

  private final List<String> prefix;
  private final Duration timeout;

  public CommandRunner(List<String> prefix, Duration timeout) {
    this.prefix = List.copyOf(prefix);
    this.timeout = timeout;
  }

  public List<String> prefix() {
    return prefix;
  }

  public Result run(List<String> command) throws CommandException {
    List<String> argv = new ArrayList<>(prefix);
    argv.addAll(command);
    Process process;
    try {
      process =
          new ProcessBuilder(argv)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new CommandException(
          CommandException.Kind.FAILED,
          "cannot run " + String.join(" ", argv) + ": " + e.getMessage());
    }
    CompletableFuture<String> out =
        CompletableFuture.supplyAsync(() -> drain(process.getInputStream()), READERS);
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()), READERS);
    boolean finished;
    try {
      finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new CommandException(
          CommandException.Kind.TIMEOUT, String.join(" ", argv) + " was interrupted");
    }
    if (!finished) {
      process.destroyForcibly();
      throw new CommandException(
          CommandException.Kind.TIMEOUT,
          String.join(" ", argv) + " did not finish within " + timeout);
    }
    try {
      return new Result(
          process.exitValue(),
          out.get(timeout.toMillis(), TimeUnit.MILLISECONDS),
          err.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandException(
          CommandException.Kind.TIMEOUT, String.join(" ", argv) + " was interrupted");
    } catch (Exception e) {
      throw new CommandException(
          CommandException.Kind.FAILED, String.join(" ", argv) + ": cannot read output: " + e);
    }
  }

  /**
   * Runs the command and returns stdout; a non-zero exit becomes a classed {@link
   * CommandException}.
   */
  public String check(List<String> command) throws CommandException {
    Result r = run(command);
    if (r.exitCode() != 0) {
      String stderr = r.stderr().strip();
      throw new CommandException(
          CommandException.classify(stderr),
          String.join(" ", command) + " failed (exit " + r.exitCode() + "): " + stderr);
    }
    return r.stdout();
  }

  private static String drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      in.transferTo(buf);
      return buf.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
