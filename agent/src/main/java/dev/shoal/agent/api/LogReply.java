package dev.shoal.agent.api;

import dev.shoal.agent.runtime.LogStream;
import dev.shoal.agent.runtime.RuntimeFailure;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a {@link LogStream} as the body of a {@code text/plain} answer, chunk by chunk: paused
 * while the client's connection is full, stopped after {@code limitBytes}, and closed (releasing
 * the engine's stream) when the client goes. A read that breaks off after output was sent ends the
 * body with a line the client sees, {@value #MARKER}{@code <reason>}, and the trailer {@code
 * Shoal-Log-Error}; a Status cannot be sent then.
 */
final class LogReply {
  static final String MARKER = "\n[shoal] log stream failed: ";
  static final String ERROR_TRAILER = "Shoal-Log-Error";
  private static final Logger LOG = LoggerFactory.getLogger(LogReply.class);

  private LogReply() {}

  /** {@code beforeOutput} answers a failure that came before any output (with a Status). */
  static void send(
      LogStream stream,
      HttpServerResponse response,
      Long limitBytes,
      String what,
      java.util.function.Consumer<Throwable> beforeOutput) {
    long[] left = {limitBytes == null ? Long.MAX_VALUE : limitBytes};
    response.closeHandler(v -> stream.close());
    response.drainHandler(v -> stream.resume());
    stream.exceptionHandler(
        failure -> {
          if (!response.headWritten()) {
            beforeOutput.accept(failure);
            return;
          }
          String reason = failure instanceof RuntimeFailure f ? f.getMessage() : failure.toString();
          LOG.warn("{}: the log read broke off after output was sent: {}", what, reason);
          if (!response.ended() && !response.closed()) {
            response.putTrailer(ERROR_TRAILER, reason.replaceAll("[\\r\\n]", " "));
            response.end(MARKER + reason + "\n");
          }
        });
    stream.endHandler(
        v -> {
          if (!response.ended() && !response.closed()) {
            startBody(response);
            response.end();
          }
        });
    stream.handler(
        chunk -> {
          if (response.ended() || response.closed()) {
            stream.close();
            return;
          }
          Buffer out = chunk.length() > left[0] ? chunk.slice(0, (int) left[0]) : chunk;
          left[0] -= out.length();
          startBody(response);
          response.write(out);
          if (left[0] == 0) {
            stream.close();
            response.end();
          } else if (response.writeQueueFull()) {
            stream.pause();
          }
        });
  }

  private static void startBody(HttpServerResponse response) {
    if (!response.headWritten()) {
      response.setChunked(true).putHeader("Content-Type", "text/plain; charset=utf-8");
    }
  }
}
