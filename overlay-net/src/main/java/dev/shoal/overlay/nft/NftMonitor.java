package dev.shoal.overlay.nft;

import dev.shoal.overlay.exec.CommandRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code nft monitor} (a child process that sleeps until the rule set changes) and reports
 * every transaction that touched the table ({@link MonitorBatch}), so a rule or element someone
 * deleted is seen at once instead of at the next periodic read-back. The monitor runs under a small
 * shell that ends it when its standard input closes: when the owner closes it, or dies, so no
 * orphaned monitor outlives the agent.
 */
public final class NftMonitor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NftMonitor.class);

  private final Process process;

  private NftMonitor(Process process) {
    this.process = process;
  }

  /**
   * Starts following; {@code onChanges} runs on the reading thread (keep it short). Null if it
   * cannot start.
   */
  public static NftMonitor follow(
      CommandRunner runner, String qualifiedTable, Consumer<MonitorBatch.Changes> onChanges) {
    List<String> argv = new ArrayList<>(runner.prefix());
    argv.addAll(List.of("sh", "-c", "nft monitor & cat >/dev/null; kill $!"));
    Process process;
    try {
      process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    } catch (IOException e) {
      LOG.warn(
          "cannot follow nft monitor ({}); drift is found by the periodic read-back only",
          e.getMessage());
      return null;
    }
    MonitorBatch batch = new MonitorBatch(qualifiedTable);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                  batch.line(line).ifPresent(onChanges);
                }
              } catch (IOException e) {
                LOG.debug("nft monitor stopped: {}", e.toString());
              }
            },
            "shoal-nft-monitor");
    reader.setDaemon(true);
    reader.start();
    return new NftMonitor(process);
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      process.destroy();
    }
  }
}
