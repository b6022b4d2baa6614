package dev.shoal.agent.api.stream;

import dev.shoal.agent.runtime.ExecSession;
import dev.shoal.agent.runtime.LogStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins an upgraded channel-protocol socket to a process in a container: its output to stdout and
 * stderr (paused while the socket's queue is full), stdin from channel 0 (the socket paused while
 * the process is behind) until the client closes it, terminal sizes from channel 4, and at the end
 * of the output the exit status on channel 3, then a normal close. A client that goes releases the
 * engine's connection.
 */
public final class ExecBridge {
  private static final Logger LOG = LoggerFactory.getLogger(ExecBridge.class);

  private ExecBridge() {}

  /** {@code command} names the process in the status of a non-zero exit (null for attach). */
  public static void run(ServerWebSocket socket, ExecSession session, List<String> command) {
    ChannelSocket[] channels = new ChannelSocket[1];
    channels[0] =
        new ChannelSocket(
            socket,
            (channel, data) -> {
              if (channel == ChannelSocket.STDIN) {
                if (!session.writeStdin(data, channels[0]::resume)) {
                  channels[0].pause();
                }
              } else if (channel == ChannelSocket.RESIZE) {
                resize(session, data);
              }
            },
            channel -> {
              if (channel == ChannelSocket.STDIN) {
                session.closeStdin();
              }
            });
    ChannelSocket out = channels[0];
    out.closeHandler(
        v -> {
          session.closeStdin();
          session.close();
        });
    LogStream output = session.output();
    out.drainHandler(v -> output.resume());
    output.handler(
        chunk -> {
          int channel = chunk.getByte(0) == ExecSession.STDERR ? ChannelSocket.STDERR : 1;
          out.send(channel, chunk.slice(1, chunk.length()));
          if (out.writeQueueFull()) {
            output.pause();
          }
        });
    output.exceptionHandler(
        failure ->
            out.finish(StreamStatus.failure("the stream broke off: " + failure.getMessage())));
    output.endHandler(
        v ->
            session
                .exitCode()
                .onComplete(
                    done -> {
                      if (out.isClosed()) {
                        return;
                      }
                      out.finish(status(done.succeeded() ? done.result() : null, command, done));
                    }));
  }

  private static JsonObject status(
      Integer code, List<String> command, io.vertx.core.AsyncResult<Integer> done) {
    if (done.failed()) {
      return StreamStatus.failure("cannot read the exit code: " + done.cause().getMessage());
    }
    return code == null || code == 0 || command == null
        ? StreamStatus.success()
        : StreamStatus.exitCode(command, code);
  }

  /** {@code {"Width":80,"Height":24}}; a malformed one is ignored, as the kubelet does. */
  private static void resize(ExecSession session, Buffer data) {
    try {
      JsonObject size = new JsonObject(data);
      session
          .resize(size.getInteger("Width", 0), size.getInteger("Height", 0))
          .onFailure(e -> LOG.debug("resize failed: {}", e.getMessage()));
    } catch (RuntimeException e) {
      LOG.debug("ignoring a malformed resize message: {}", e.getMessage());
    }
  }
}
