package dev.shoal.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which host leads, read from the agents' logs: the leader's components log {@code leader
 * components started} when it takes office and {@code ... stopped} when it leaves; only lines after
 * the testbed's last start of that agent count (an agent killed while leading never logs the stop).
 */
final class Leader {
  private static final String START_MARK = "testbed starts the agent";
  private static final String STARTED = "leader components started";
  private static final String STOPPED = "leader components stopped";

  private Leader() {}

  /** The host leading now, or null when none has said so (yet). */
  static Host of(Testbed testbed, List<Host> hosts) {
    for (Host host : hosts) {
      if (leads(testbed.logDir(host).resolve(host.name() + "-agent.log"))) {
        return host;
      }
    }
    return null;
  }

  private static boolean leads(Path log) {
    try {
      String text = Files.readString(log);
      int since = text.lastIndexOf(START_MARK);
      String current = since < 0 ? text : text.substring(since);
      return current.lastIndexOf(STARTED) > current.lastIndexOf(STOPPED);
    } catch (IOException e) {
      return false;
    }
  }
}
