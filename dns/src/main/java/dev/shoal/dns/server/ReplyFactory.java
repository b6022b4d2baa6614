package dev.shoal.dns.server;

/**
 * Made by a transport handler only when an answer has to wait (forwarding), so the fast path
 * allocates none.
 */
public interface ReplyFactory {
  /** A reply to the message being processed right now. */
  Reply later(int limit);
}
