package dev.shoal.agent.api.stream;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.json.JsonObject;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

/**
 * The Kubernetes channel protocol on one WebSocket: each binary message is one chunk of one
 * channel, named by its first byte (stdin 0, stdout 1, stderr 2, error 3, resize 4). Protocol
 * {@value #V5} adds a close message, {@code [255, channel]}, that ends one channel (kubectl sends
 * it for stdin at end of input); {@value #V4} has none, and stdin then ends with the socket.
 */
public final class ChannelSocket {
  public static final String V5 = "v5.channel.k8s.io";
  public static final String V4 = "v4.channel.k8s.io";

  /** What exec and attach accept, best first. */
  public static final java.util.List<String> PROTOCOLS = java.util.List.of(V5, V4);

  public static final int STDIN = 0;
  public static final int STDOUT = 1;
  public static final int STDERR = 2;
  public static final int ERROR = 3;
  public static final int RESIZE = 4;
  static final int CLOSE = 255;

  private final WebSocketBase socket;
  private final boolean closeFrames;

  /** {@code handler} gets each chunk with its channel; {@code closed} each ended channel. */
  public ChannelSocket(
      WebSocketBase socket, BiConsumer<Integer, Buffer> handler, IntConsumer closed) {
    this.socket = socket;
    this.closeFrames = V5.equals(socket.subProtocol());
    socket.binaryMessageHandler(
        message -> {
          if (message.length() == 0) {
            return;
          }
          int channel = message.getUnsignedByte(0);
          if (channel == CLOSE && closeFrames) {
            if (message.length() > 1) {
              closed.accept(message.getUnsignedByte(1));
            }
            return;
          }
          handler.accept(channel, message.slice(1, message.length()));
        });
    socket.textMessageHandler(text -> {}); // base64 protocols are not offered
  }

  /** Whether the client can end a single channel ({@value #V5}). */
  public boolean hasCloseFrames() {
    return closeFrames;
  }

  /** Sends one chunk on {@code channel}. */
  public Future<Void> send(int channel, Buffer data) {
    Buffer message = Buffer.buffer(data.length() + 1).appendByte((byte) channel).appendBuffer(data);
    return socket.writeBinaryMessage(message);
  }

  public boolean writeQueueFull() {
    return socket.writeQueueFull();
  }

  public void drainHandler(Handler<Void> handler) {
    socket.drainHandler(handler);
  }

  public void pause() {
    socket.pause();
  }

  public void resume() {
    socket.resume();
  }

  public void closeHandler(Handler<Void> handler) {
    socket.closeHandler(handler);
  }

  /** Sends the outcome on the error channel, then closes the socket normally. */
  public Future<Void> finish(JsonObject status) {
    return send(ERROR, status.toBuffer())
        .eventually(() -> socket.close((short) 1000))
        .recover(e -> Future.succeededFuture());
  }

  public boolean isClosed() {
    return socket.isClosed();
  }
}
