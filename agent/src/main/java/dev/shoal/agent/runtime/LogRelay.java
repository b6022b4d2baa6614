package dev.shoal.agent.runtime;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A {@link LogStream} fed by a thread that reads the engine: {@link #push} blocks that thread while
 * the queue of unread chunks is full (back-pressure all the way to the engine's socket), handlers
 * run on the reader's Vert.x context, and the first of {@link #finish}, {@link #fail} and {@link
 * #close()} decides how the stream ends.
 */
public final class LogRelay implements LogStream {
  private static final int QUEUED_CHUNKS = 16;

  private final Context context;
  private final BlockingQueue<Buffer> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
  private final Runnable release;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private long demand = Long.MAX_VALUE;
  private volatile boolean closed;

  /** Set once by the producer: null while running, DONE on a clean end, else the failure. */
  private volatile Object outcome;

  private boolean delivered;
  private static final Object DONE = new Object();

  /**
   * {@code release} stops the producer (e.g. closes the engine's stream); it may be called from any
   * thread.
   */
  public LogRelay(Context context, Runnable release) {
    this.context = context;
    this.release = release;
  }

  /** A stream of {@code text} that has already ended (for fixed logs and tests). */
  public static LogRelay completed(Context context, String text) {
    LogRelay relay = new LogRelay(context, () -> {});
    if (!text.isEmpty()) {
      relay.queue.add(Buffer.buffer(text));
    }
    relay.finish();
    return relay;
  }

  /**
   * From the producer: one chunk; blocks while the reader is behind. False when the reader has
   * gone.
   */
  public boolean push(Buffer chunk) throws InterruptedException {
    while (!closed) {
      if (queue.offer(chunk, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        context.runOnContext(v -> drain());
        return true;
      }
    }
    return false;
  }

  /** From the producer: the log ended. */
  public void finish() {
    settle(DONE);
  }

  /** From the producer: the read broke off. */
  public void fail(Throwable failure) {
    settle(failure);
  }

  private synchronized void settle(Object how) {
    if (outcome == null) {
      outcome = how;
      context.runOnContext(v -> drain());
    }
  }

  private void drain() {
    while (!closed && demand > 0 && handler != null) {
      Buffer next = queue.poll();
      if (next == null) {
        break;
      }
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(next);
    }
    Object how = outcome;
    if (!closed && how != null && queue.isEmpty() && !delivered) {
      delivered = true;
      if (how == DONE) {
        if (endHandler != null) {
          endHandler.handle(null);
        }
      } else if (exceptionHandler != null) {
        exceptionHandler.handle((Throwable) how);
      }
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      queue.clear();
      release.run();
    }
  }

  @Override
  public LogRelay exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public LogRelay handler(Handler<Buffer> handler) {
    this.handler = handler;
    context.runOnContext(v -> drain());
    return this;
  }

  @Override
  public LogRelay pause() {
    demand = 0;
    return this;
  }

  @Override
  public LogRelay resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public LogRelay fetch(long amount) {
    demand = amount == Long.MAX_VALUE || demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    context.runOnContext(v -> drain());
    return this;
  }

  @Override
  public LogRelay endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }
}
