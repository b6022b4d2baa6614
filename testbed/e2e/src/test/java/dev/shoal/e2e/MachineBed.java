package dev.shoal.e2e;

import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one test bed this machine can hold at a time (the bed's namespaces, addresses and folders are
 * fixed): either the shared three-host bed, brought up by the first {@link SharedBed} class and
 * kept for the others, or a bed one class owns. A class that needs the other kind has the current
 * one taken down first. Kept in the root store of the run, so JUnit closes it (and takes down
 * whatever is still up) once every class has run; a shutdown hook does the same for a test JVM
 * stopped from outside.
 */
final class MachineBed implements AutoCloseable {
  static final int SHARED_HOSTS = 3;

  private final Testbed testbed = Testbed.locate();
  private Bed current;

  /** An {@code up} was started since the last completed {@code down}: something may be left. */
  private volatile boolean dirty;

  private MachineBed() {
    // A test JVM stopped from outside (e.g. a CI time limit) still takes the hosts down.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (dirty) {
                    testbed.down();
                  }
                },
                "testbed-down"));
  }

  /** The machine's bed holder of this run. */
  static MachineBed of(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(MachineBed.class))
        .computeIfAbsent(MachineBed.class, k -> new MachineBed(), MachineBed.class);
  }

  Testbed testbed() {
    return testbed;
  }

  /**
   * The shared bed: the one already up if every agent is ready, else a new one (a bed some class
   * left unready is rebuilt, and says so).
   */
  synchronized Bed shared() {
    if (current != null && current.shared()) {
      List<String> unready = current.unready();
      if (unready.isEmpty()) {
        return current;
      }
      ThreeHostTestbed.figure("testbed-shared rebuilt: %s not ready", unready);
    }
    current = up(SHARED_HOSTS, true);
    return current;
  }

  /** A new bed of {@code hosts} hosts for one class; {@link #release} takes it down. */
  synchronized Bed fresh(int hosts) {
    current = up(hosts, false);
    return current;
  }

  /**
   * Takes down a class's own bed, or a shared bed left broken (the next class builds a new one).
   */
  synchronized void release() {
    down();
  }

  @Override
  public synchronized void close() {
    down();
  }

  private Bed up(int hosts, boolean shared) {
    current = null; // testbed up takes down whatever is there first
    dirty = true;
    long start = System.nanoTime();
    Bed bed = Bed.of(testbed.up(hosts), shared);
    ThreeHostTestbed.figure(
        "testbed-up %d host(s) in %s%s",
        hosts, ThreeHostTestbed.since(start), shared ? " (shared)" : "");
    return bed;
  }

  private void down() {
    current = null;
    if (dirty) {
      testbed.down();
      dirty = false;
    }
  }
}
