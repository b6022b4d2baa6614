package dev.shoal.agent.metrics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The whole host's {@link Reading}, from {@code /proc/stat} (the {@code cpu} line: user, nice,
 * system, irq, softirq and steal time, in USER_HZ ticks of 10 ms; guest time is inside user) and
 * {@code /proc/meminfo} ({@code MemTotal - MemFree - Inactive(file)}, the working set of the root
 * cgroup as the kubelet reports a node's). Both files are kept open.
 */
final class HostReader implements AutoCloseable {

  /** USER_HZ: 100 on every Linux architecture the JVM runs on (it is part of the ABI). */
  static final long NANOS_PER_TICK = 10_000_000L;

  private final StatFile stat;
  private final StatFile meminfo;
  private final long[] fields = new long[8];

  HostReader(Path procRoot) throws IOException {
    this.stat = new StatFile(procRoot.resolve("stat"));
    StatFile m;
    try {
      m = new StatFile(procRoot.resolve("meminfo"));
    } catch (IOException e) {
      stat.close();
      throw e;
    }
    this.meminfo = m;
  }

  Reading read(Buffers buffers) throws IOException {
    ByteBuffer text = buffers.keep(stat.read(buffers.get()));
    int n = StatText.fieldsOf(text, "cpu", fields);
    if (n < 7) {
      throw new IOException("no cpu line in " + stat.path());
    }
    // user nice system idle iowait irq softirq steal: all but idle and iowait are busy time
    long busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + (n > 7 ? fields[7] : 0);
    text = buffers.keep(meminfo.read(buffers.get()));
    long total = StatText.valueOf(text, "MemTotal");
    long free = StatText.valueOf(text, "MemFree");
    long inactiveFile = StatText.valueOf(text, "Inactive(file)");
    if (total < 0 || free < 0) {
      throw new IOException("no MemTotal or MemFree in " + meminfo.path());
    }
    long workingSetKib = Math.max(0, total - free - Math.max(0, inactiveFile));
    return new Reading(busy * NANOS_PER_TICK, workingSetKib * 1024);
  }

  @Override
  public void close() {
    stat.close();
    meminfo.close();
  }
}
