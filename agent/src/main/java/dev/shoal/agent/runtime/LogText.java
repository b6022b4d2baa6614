package dev.shoal.agent.runtime;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Reads a whole (not followed) {@link LogStream} into text, within a deadline. */
public final class LogText {
  private LogText() {}

  /**
   * The stream's text; fails with the stream's failure, or TEMPORARY when {@code timeout} passes
   * first.
   */
  public static Future<String> collect(Vertx vertx, Future<LogStream> opened, Duration timeout) {
    return opened.compose(
        stream -> {
          Promise<String> text = Promise.promise();
          Buffer all = Buffer.buffer();
          long timer =
              vertx.setTimer(
                  Math.max(1, timeout.toMillis()),
                  id -> {
                    if (text.tryFail(
                        new RuntimeFailure(
                            RuntimeFailure.Kind.TEMPORARY,
                            "reading a log took longer than "
                                + timeout.toMillis()
                                + " ms; "
                                + all.length()
                                + " bytes read"))) {
                      stream.close();
                    }
                  });
          stream
              .exceptionHandler(text::tryFail)
              .endHandler(v -> text.tryComplete(all.toString(StandardCharsets.UTF_8)))
              .handler(all::appendBuffer);
          return text.future().onComplete(done -> vertx.cancelTimer(timer));
        });
  }
}
