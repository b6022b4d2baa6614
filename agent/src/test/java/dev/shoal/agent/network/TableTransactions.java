package dev.shoal.agent.network;

import dev.shoal.overlay.nft.MonitorBatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Follows {@code nft monitor} for one table so a test can wait for the kernel's own report of a
 * transaction instead of polling on a clock. {@link #start} returns once the monitor is known to be
 * listening: it has seen a probe transaction on a scratch table of its own (a table the agent does
 * not watch), so no transaction made after it is missed.
 */
final class TableTransactions implements AutoCloseable {

  /** The condition a test waits for, checked after each transaction. */
  interface Check {
    boolean holds() throws Exception;
  }

  private static final String PROBE = "inet shoal-test-probe";

  private final Process monitor;
  private final Semaphore transactions = new Semaphore(0);
  private final Semaphore probeSeen = new Semaphore(0);

  private TableTransactions(Process monitor) {
    this.monitor = monitor;
  }

  static TableTransactions start(String qualifiedTable, Duration timeout) throws Exception {
    TableTransactions t =
        new TableTransactions(
            new ProcessBuilder("nft", "monitor").redirectErrorStream(true).start());
    MonitorBatch batch = new MonitorBatch(qualifiedTable);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(t.monitor.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                  if (line.startsWith("add table " + PROBE)) {
                    t.probeSeen.release();
                  }
                  batch.line(line).ifPresent(changes -> t.transactions.release());
                }
              } catch (IOException e) {
                // the monitor was closed
              }
            },
            "test-nft-monitor");
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      // Probe until the monitor reports a probe: from then on it is listening.
      do {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("nft monitor reported nothing within " + timeout);
        }
        nft("add table " + PROBE);
        nft("delete table " + PROBE);
      } while (!t.probeSeen.tryAcquire(100, TimeUnit.MILLISECONDS));
    } catch (Exception e) {
      t.close();
      throw e;
    }
    return t;
  }

  /**
   * Checks {@code condition} now and after each transaction on the table; false if it still does
   * not hold when {@code timeout} ends.
   */
  boolean await(Check condition, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (!transactions.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        return condition.holds();
      }
    }
    return true;
  }

  private static void nft(String command) throws Exception {
    Process p = new ProcessBuilder("nft", command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("nft " + command + ": " + out);
    }
  }

  @Override
  public void close() {
    monitor.destroy();
  }
}
