package dev.shoal.dns.server;

import io.netty.buffer.ByteBuf;

/** Where a later (forwarded) answer goes: back to the UDP sender or down the TCP connection. */
public interface Reply {
  /**
   * Sends and flushes; takes ownership of {@code message}. Called on the responder's event loop.
   */
  void send(ByteBuf message);

  /** Largest message this client accepts (its UDP limit, or 65535 over TCP). */
  int limit();
}
