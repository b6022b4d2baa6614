package dev.shoal.agent.network;

import dev.shoal.overlay.exec.CommandRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the kernel's route and neighbour deletions on given devices ({@code ip monitor route
 * neigh}, a child process that sleeps until something changes) and calls back on each, so that what
 * someone removed by hand is put back within a second instead of at the next full pass. The full
 * pass stays the safety net: a monitor that cannot start or exits, and changes it does not report,
 * are caught there.
 *
 * <p>The monitor runs under a small shell that ends it when its standard input closes: when the
 * agent stops, or dies (SIGKILL closes the pipe too), so no orphaned {@code ip monitor} outlives
 * the agent.
 */
final class KernelDeletions implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KernelDeletions.class);

  private final Process monitor;

  private KernelDeletions(Process monitor) {
    this.monitor = monitor;
  }

  /**
   * Starts following; {@code onDeleted} runs on the reading thread (keep it short). Null if it
   * cannot start.
   */
  static KernelDeletions follow(CommandRunner runner, List<String> devices, Runnable onDeleted) {
    List<String> argv = new ArrayList<>(runner.prefix());
    argv.addAll(List.of("sh", "-c", "ip monitor route neigh & cat >/dev/null; kill $!"));
    Process process;
    try {
      process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    } catch (IOException e) {
      LOG.warn(
          "cannot follow the kernel's route changes ({}); drift is repaired by the periodic pass only",
          e.getMessage());
      return null;
    }
    Thread reader = new Thread(() -> read(process, devices, onDeleted), "shoal-kernel-deletions");
    reader.setDaemon(true);
    reader.start();
    return new KernelDeletions(process);
  }

  /**
   * True for a line of {@code ip monitor} that reports a deleted route or neighbour on one of the
   * devices.
   */
  static boolean isDeletionOn(String line, List<String> devices) {
    String event =
        line.startsWith("[") && line.indexOf(']') > 0
            ? line.substring(line.indexOf(']') + 1).strip()
            : line;
    if (!event.startsWith("Deleted ")) {
      return false;
    }
    List<String> words = List.of(event.split("\\s+"));
    int dev = words.indexOf("dev");
    return dev >= 0 && dev + 1 < words.size() && devices.contains(words.get(dev + 1));
  }

  private static void read(Process process, List<String> devices, Runnable onDeleted) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        if (isDeletionOn(line, devices)) {
          onDeleted.run();
        }
      }
    } catch (IOException e) {
      LOG.debug("kernel monitor stopped: {}", e.toString());
    }
  }

  /** Closes the monitor's input: the shell then ends {@code ip monitor} and itself. */
  @Override
  public void close() {
    try {
      monitor.getOutputStream().close();
    } catch (IOException e) {
      monitor.destroy();
    }
  }
}
