package dev.shoal.agent.metrics;

import java.nio.ByteBuffer;

/**
 * The one read buffer a sampler reuses for every file it reads, grown (and kept grown) when a file
 * is longer. Not thread-safe.
 */
final class Buffers {

  private ByteBuffer buffer = ByteBuffer.allocate(4096);

  ByteBuffer get() {
    return buffer;
  }

  /** Keeps {@code used} (a larger buffer a read had to make) for the next reads; returns it. */
  ByteBuffer keep(ByteBuffer used) {
    buffer = used;
    return used;
  }
}
