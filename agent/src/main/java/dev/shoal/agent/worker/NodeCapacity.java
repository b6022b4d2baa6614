package dev.shoal.agent.worker;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this node offers a container that sets no limit: kubelet gives the downward API's {@code
 * limits.*} of such a container the node's allocatable amount.
 *
 * @param milliCpu the node's processors, in thousandths
 * @param memoryBytes the host's physical memory
 * @param ephemeralStorageBytes the size of the file system that holds the data directory
 */
record NodeCapacity(long milliCpu, long memoryBytes, long ephemeralStorageBytes) {

  /** Reads processors, memory and the data directory's disk size from the operating system. */
  static NodeCapacity detect(Path dataDir) {
    long memory = Runtime.getRuntime().maxMemory();
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      memory = os.getTotalMemorySize();
    }
    long disk = 0;
    for (Path p = dataDir.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        try {
          disk = Files.getFileStore(p).getTotalSpace();
        } catch (IOException e) {
          disk = 0;
        }
        break;
      }
    }
    return new NodeCapacity(Runtime.getRuntime().availableProcessors() * 1000L, memory, disk);
  }
}
