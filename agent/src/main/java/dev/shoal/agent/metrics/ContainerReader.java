package dev.shoal.agent.metrics;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads one container's {@link Reading} from its three cgroup files ({@link ContainerCgroup}), kept
 * open between samples. A read fails once the cgroup is gone.
 */
final class ContainerReader implements AutoCloseable {

  private final ContainerCgroup cgroup;
  private final StatFile cpu;
  private final StatFile usage;
  private final StatFile stat;

  ContainerReader(ContainerCgroup cgroup) throws IOException {
    this.cgroup = cgroup;
    StatFile c = new StatFile(cgroup.cpuFile());
    StatFile u = null;
    try {
      u = new StatFile(cgroup.memoryUsageFile());
      this.stat = new StatFile(cgroup.memoryStatFile());
    } catch (IOException e) {
      c.close();
      if (u != null) {
        u.close();
      }
      throw e;
    }
    this.cpu = c;
    this.usage = u;
  }

  /** Reads the three files into {@code buffer} (reused; see {@link Buffers}). */
  Reading read(Buffers buffers) throws IOException {
    ByteBuffer text = buffers.keep(cpu.read(buffers.get()));
    long cpuNanos;
    if (cgroup.version() == 1) {
      cpuNanos = StatText.firstNumber(text);
    } else {
      long micros = StatText.valueOf(text, "usage_usec");
      cpuNanos = micros < 0 ? -1 : micros * 1000;
    }
    text = buffers.keep(usage.read(buffers.get()));
    long used = StatText.firstNumber(text);
    text = buffers.keep(stat.read(buffers.get()));
    long inactive = StatText.valueOf(text, cgroup.inactiveFileKey());
    if (cpuNanos < 0 || used < 0) {
      throw new IOException("unreadable cgroup files under " + cgroup.cpuDir());
    }
    return new Reading(cpuNanos, Math.max(0, used - Math.max(0, inactive)));
  }

  @Override
  public void close() {
    cpu.close();
    usage.close();
    stat.close();
  }
}
