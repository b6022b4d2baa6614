package dev.shoal.agent.runtime;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A container's log as it is read: chunks of output (stdout and stderr interleaved) with
 * back-pressure, so a slow reader slows the engine's stream instead of filling memory. It ends when
 * the log does (following: when the container stops); a read that breaks off fails it through the
 * exception handler with a {@link RuntimeFailure}, never by ending it quietly. {@link #close()}
 * stops reading, for a reader that goes.
 */
public interface LogStream extends ReadStream<Buffer> {

  /** Stops the read and releases the engine's stream; no handler is called after it. */
  void close();
}
