package dev.shoal.agent.api.stream;

import io.vertx.core.http.WebSocketBase;

/**
 * Pipes two WebSockets into each other message by message (a message boundary is a channel boundary
 * in the channel protocol), each side paused while the other's write queue is full; when one side
 * closes, the other is closed with the same code and reason.
 */
public final class WebSocketRelay {
  private WebSocketRelay() {}

  public static void join(WebSocketBase client, WebSocketBase upstream) {
    oneWay(client, upstream);
    oneWay(upstream, client);
  }

  private static void oneWay(WebSocketBase from, WebSocketBase to) {
    from.binaryMessageHandler(
        message -> {
          to.writeBinaryMessage(message);
          if (to.writeQueueFull()) {
            from.pause();
            to.drainHandler(v -> from.resume());
          }
        });
    from.textMessageHandler(
        text -> {
          to.writeTextMessage(text);
          if (to.writeQueueFull()) {
            from.pause();
            to.drainHandler(v -> from.resume());
          }
        });
    from.closeHandler(
        v -> {
          if (!to.isClosed()) {
            Short code = from.closeStatusCode();
            boolean sendable = code != null && code != 1005 && code != 1006;
            to.close(sendable ? code : (short) 1000, from.closeReason());
          }
        });
    from.exceptionHandler(
        e -> {
          if (!to.isClosed()) {
            to.close((short) 1011, "the relayed stream broke off");
          }
        });
  }
}
