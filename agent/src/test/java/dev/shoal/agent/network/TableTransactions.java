package dev.shoal.agent.network;

import dev.shoal.overlay.exec.CommandRunner;
import dev.shoal.overlay.nft.NftMonitor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The transactions on one nftables table as {@code nft monitor} reports them ({@link NftMonitor}),
 * so a test waits for the kernel's own report instead of polling on a clock. {@link #start} returns
 * once the monitor is known to be listening: it has reported a probe transaction (a set added and
 * deleted in one transaction, which leaves the table as it was), so no later transaction is missed.
 */
final class TableTransactions implements AutoCloseable {

  /** The condition a test waits for, checked after each transaction. */
  interface Check {
    boolean holds() throws Exception;
  }

  private final Semaphore transactions = new Semaphore(0);
  private NftMonitor monitor;

  private TableTransactions() {}

  static TableTransactions start(String qualifiedTable, Duration timeout) throws Exception {
    TableTransactions t = new TableTransactions();
    t.monitor =
        NftMonitor.follow(
            new CommandRunner(List.of(), Duration.ofSeconds(10)),
            qualifiedTable,
            changes -> t.transactions.release());
    if (t.monitor == null) {
      throw new IllegalStateException("nft monitor did not start");
    }
    String probe =
        "add set "
            + qualifiedTable
            + " shoal-test-probe { type ipv4_addr; }\ndelete set "
            + qualifiedTable
            + " shoal-test-probe\n";
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      do {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("nft monitor reported nothing within " + timeout);
        }
        nftScript(probe);
      } while (!t.transactions.tryAcquire(100, TimeUnit.MILLISECONDS));
    } catch (Exception e) {
      t.close();
      throw e;
    }
    t.transactions.drainPermits();
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

  private static void nftScript(String script) throws Exception {
    Process p = new ProcessBuilder("nft", "-f", "-").redirectErrorStream(true).start();
    try (var in = p.getOutputStream()) {
      in.write(script.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("nft -f: " + out + " for:\n" + script);
    }
  }

  @Override
  public void close() {
    if (monitor != null) {
      monitor.close();
    }
  }
}
