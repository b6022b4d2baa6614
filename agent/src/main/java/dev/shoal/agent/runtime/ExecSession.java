package dev.shoal.agent.runtime;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * A process started in a container with its streams attached ({@code kubectl exec}, {@code
 * attach}). {@link #output()} yields chunks whose first byte says the stream ({@link #STDOUT} or
 * {@link #STDERR}) and whose rest is the payload, with back-pressure to the engine; it ends when
 * the process's output does. Handlers and futures complete on the caller's Vert.x context.
 */
public interface ExecSession {
  byte STDOUT = 1;
  byte STDERR = 2;

  /** The process's output, each chunk tagged with its stream in its first byte. */
  LogStream output();

  /**
   * Hands bytes to the process's stdin; false when the buffer is full, then {@code drained} runs
   * once it has room again (on the caller's context). Ignored without stdin.
   */
  boolean writeStdin(Buffer data, Runnable drained);

  /** Ends the process's stdin (what it reads next is end of file). */
  void closeStdin();

  /** Resizes the process's terminal; a no-op without one. */
  Future<Void> resize(int width, int height);

  /**
   * The exit code, once the output has ended; null where the engine cannot say (an attach to the
   * container's main process).
   */
  Future<Integer> exitCode();

  /** Stops reading and writing and releases the engine's connection. */
  void close();
}
