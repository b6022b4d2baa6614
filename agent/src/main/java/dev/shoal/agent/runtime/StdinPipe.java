package dev.shoal.agent.runtime;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Bytes from an event loop to a thread that copies them into the engine: {@link #offer} never
 * blocks and says when the buffered amount passed its bound (the writer then waits for the drain
 * callback, on its own context); the engine's thread blocks in {@link #read} until bytes or the end
 * come. {@link #close} marks the end of file; {@link #abort} ends it at once, dropping what is
 * left.
 */
public final class StdinPipe extends InputStream {
  private static final byte[] END = new byte[0];
  static final int HIGH_WATER = 256 * 1024;

  private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
  private final Context context;
  private long buffered;
  private Runnable drained;
  private byte[] current;
  private int position;
  private volatile boolean ended;

  public StdinPipe(Context context) {
    this.context = context;
  }

  /** False when more than the bound is buffered: {@code onDrain} runs when it is read down. */
  public synchronized boolean offer(Buffer data, Runnable onDrain) {
    if (ended || data.length() == 0) {
      return true;
    }
    buffered += data.length();
    queue.add(data.getBytes());
    if (buffered > HIGH_WATER) {
      drained = onDrain;
      return false;
    }
    return true;
  }

  /** End of file after what was offered. */
  public synchronized void close() {
    if (!ended) {
      ended = true;
      queue.add(END);
    }
  }

  /** End of file now. */
  public synchronized void abort() {
    queue.clear();
    buffered = 0;
    close();
  }

  @Override
  public int read() throws java.io.IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws java.io.IOException {
    if (length == 0) {
      return 0;
    }
    if (current == null || position == current.length) {
      try {
        current = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("stdin read interrupted");
      }
      position = 0;
      if (current == END) {
        queue.add(END); // every later read sees the end too
        return -1;
      }
    }
    int n = Math.min(length, current.length - position);
    System.arraycopy(current, position, into, offset, n);
    position += n;
    consumed(n);
    return n;
  }

  private void consumed(int n) {
    Runnable wake = null;
    synchronized (this) {
      buffered -= n;
      if (drained != null && buffered <= HIGH_WATER / 2) {
        wake = drained;
        drained = null;
      }
    }
    if (wake != null) {
      Runnable run = wake;
      context.runOnContext(v -> run.run());
    }
  }
}
