package dev.shoal.overlay.nft;

import dev.shoal.overlay.exec.CommandException;
import dev.shoal.overlay.exec.CommandRunner;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The {@code nft} command for one table, in the network namespace of its {@link CommandRunner}:
 * applies a script in one transaction ({@code nft -f}), and lists the table or part of it back.
 * Blocking: call it from a worker thread.
 */
public final class Nft {

  private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(60);

  private final CommandRunner runner;
  private final String table;
  private volatile LongConsumer onApplyStarted = pid -> {};

  public Nft(CommandRunner runner, String qualifiedTable) {
    this.runner = runner;
    this.table = qualifiedTable;
  }

  public static Nft shoal(CommandRunner runner) {
    return new Nft(runner, NftTable.FAMILY + " " + NftTable.NAME);
  }

  public String table() {
    return table;
  }

  /**
   * Told the process id of every {@code nft -f} this applier starts (so a monitor can tell its own
   * changes apart).
   */
  public Nft onApplyStarted(LongConsumer listener) {
    onApplyStarted = listener;
    return this;
  }

  /** Runs the script as one transaction; on failure nothing of it was applied. */
  public void apply(String script) throws CommandException {
    if (script.isEmpty()) {
      return;
    }
    Path file;
    try {
      file =
          Files.createTempFile(
              "shoal-nft-",
              ".nft",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, script, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CommandException(
          CommandException.Kind.FAILED, "cannot write the nft script: " + e.getMessage());
    }
    try {
      run(List.of("nft", "-f", file.toString()));
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temp file left behind is harmless
      }
    }
  }

  /** The whole table as the kernel holds it; {@link ObservedTable#ABSENT} when there is none. */
  public ObservedTable list() throws CommandException {
    return listing(List.of("nft", "-j", "list", "table", table));
  }

  /** One chain, or one set or map ({@code kind} is {@code chain}, {@code set} or {@code map}). */
  public ObservedTable list(String kind, String name) throws CommandException {
    return listing(List.of("nft", "-j", "list", kind, table, name));
  }

  public boolean exists() throws CommandException {
    return runner.run(List.of("nft", "list", "table", table)).exitCode() == 0;
  }

  /** Removes the table if it is there. */
  public void delete() throws CommandException {
    apply(NftScript.delete(table));
  }

  private void run(List<String> command) throws CommandException {
    List<String> argv = new ArrayList<>(runner.prefix());
    argv.addAll(command);
    Process p;
    try {
      p =
          new ProcessBuilder(argv)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new CommandException(CommandException.Kind.FAILED, "cannot run nft: " + e.getMessage());
    }
    onApplyStarted.accept(p.pid());
    try (var err = p.getErrorStream()) {
      String stderr = new String(err.readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(APPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new CommandException(
            CommandException.Kind.TIMEOUT, "nft -f did not finish within " + APPLY_TIMEOUT);
      }
      if (p.exitValue() != 0) {
        throw new CommandException(
            CommandException.Kind.FAILED,
            "nft -f failed (exit " + p.exitValue() + "): " + stderr.strip());
      }
    } catch (IOException e) {
      p.destroyForcibly();
      throw new CommandException(CommandException.Kind.FAILED, "nft -f: " + e.getMessage());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new CommandException(CommandException.Kind.TIMEOUT, "nft -f was interrupted");
    }
  }

  private ObservedTable listing(List<String> command) throws CommandException {
    CommandRunner.Result r = runner.run(command);
    if (r.exitCode() != 0) {
      if (r.stderr().contains("No such file or directory")) {
        return ObservedTable.ABSENT;
      }
      throw new CommandException(
          CommandException.Kind.FAILED,
          String.join(" ", command) + " failed: " + r.stderr().strip());
    }
    return ObservedTable.parse(r.stdout());
  }
}
