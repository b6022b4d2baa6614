package dev.shoal.agent.metrics;

import java.util.ArrayDeque;

/**
 * The CPU counter readings of one cgroup over the last window, and the rate they give: (newest -
 * oldest) / elapsed, where the oldest kept is the latest reading at least {@code window} before the
 * newest, so the rate covers the whole window once there are enough readings. A counter that went
 * backwards (a restarted container's new cgroup) starts the window again.
 */
final class UsageWindow {

  private record Point(long atMillis, long cpuNanos) {}

  private final long windowMillis;
  private final ArrayDeque<Point> points = new ArrayDeque<>();

  UsageWindow(long windowMillis) {
    this.windowMillis = windowMillis;
  }

  void add(long atMillis, long cpuNanos) {
    Point newest = points.peekLast();
    if (newest != null && (cpuNanos < newest.cpuNanos() || atMillis <= newest.atMillis())) {
      if (atMillis <= newest.atMillis() && cpuNanos >= newest.cpuNanos()) {
        return; // no time passed (a clock step back): keep what there is
      }
      points.clear();
    }
    points.addLast(new Point(atMillis, cpuNanos));
    while (points.size() > 2) {
      Point oldest = points.pollFirst();
      if (points.peekFirst().atMillis() > atMillis - windowMillis) {
        points.addFirst(oldest); // the next one is inside the window: keep this one
        break;
      }
    }
  }

  /** Whether two readings exist, so there is a rate. */
  boolean hasRate() {
    return points.size() >= 2;
  }

  /** The rate over the readings kept, in nanocores (ns of CPU per s); 0 without a rate. */
  long nanoCores() {
    if (!hasRate()) {
      return 0;
    }
    Point first = points.peekFirst();
    Point last = points.peekLast();
    long elapsedMillis = last.atMillis() - first.atMillis();
    return Math.round((last.cpuNanos() - first.cpuNanos()) * 1000.0 / elapsedMillis);
  }

  /** The time the rate covers, in ms. */
  long coveredMillis() {
    return hasRate() ? points.peekLast().atMillis() - points.peekFirst().atMillis() : 0;
  }
}
