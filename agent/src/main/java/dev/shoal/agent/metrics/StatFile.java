package dev.shoal.agent.metrics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One kernel statistics file (a cgroup file, {@code /proc/stat}) kept open and read again from
 * offset 0 for every sample: the kernel regenerates the text on each read at offset 0, so a sample
 * costs one {@code pread} per file and no open or close. A read of a removed cgroup's file fails
 * (the container is gone). Not thread-safe: one sampler reads it.
 */
final class StatFile implements AutoCloseable {

  private final Path path;
  private final FileChannel channel;

  StatFile(Path path) throws IOException {
    this.path = path;
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
  }

  Path path() {
    return path;
  }

  /**
   * Reads the whole file into {@code buffer} (cleared first, grown if too small); returns the
   * buffer, flipped, or a new larger one.
   */
  ByteBuffer read(ByteBuffer buffer) throws IOException {
    ByteBuffer into = buffer;
    while (true) {
      into.clear();
      long position = 0;
      int n;
      while ((n = channel.read(into, position)) > 0) {
        position += n;
        if (!into.hasRemaining()) {
          break;
        }
      }
      if (into.hasRemaining()) {
        into.flip();
        return into;
      }
      into = ByteBuffer.allocate(into.capacity() * 2); // a file longer than the buffer: read again
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing held but the descriptor
    }
  }
}
