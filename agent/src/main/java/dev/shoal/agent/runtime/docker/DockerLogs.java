package dev.shoal.agent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.Frame;
import dev.shoal.agent.runtime.LogOptions;
import dev.shoal.agent.runtime.LogRelay;
import dev.shoal.agent.runtime.LogStream;
import dev.shoal.agent.runtime.RuntimeFailure;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.Closeable;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a container's log as a {@link LogStream} on the client without a response timeout (a
 * followed log may be silent for hours). docker-java reads the engine's stream on a thread of its
 * own; that thread feeds a {@link LogRelay}, which holds it while the reader is behind. The engine
 * must start answering within the call timeout, else the read is closed and fails TEMPORARY; a
 * stream that breaks off later (engine restart, cut connection) fails the stream and is logged with
 * the container, never passed off as its end.
 */
final class DockerLogs {
  private static final Logger LOG = LoggerFactory.getLogger(DockerLogs.class);

  private DockerLogs() {}

  static Future<LogStream> open(
      Vertx vertx,
      DockerClient streams,
      String containerId,
      LogOptions options,
      Duration startTimeout) {
    Context context = vertx.getOrCreateContext();
    Promise<LogStream> started = Promise.promise();
    String what = "log of " + containerId;
    Reader reader = new Reader(context, started, what);
    LogContainerCmd cmd =
        streams
            .logContainerCmd(containerId)
            .withStdOut(true)
            .withStdErr(true)
            .withFollowStream(options.follow())
            .withTimestamps(options.timestamps());
    if (options.tailLines() == null) {
      cmd.withTailAll();
    } else {
      cmd.withTail(options.tailLines());
    }
    if (options.sinceSeconds() != null) {
      long since = System.currentTimeMillis() / 1000 - options.sinceSeconds();
      cmd.withSince((int) Math.max(0, Math.min(Integer.MAX_VALUE, since)));
    }
    long timer =
        vertx.setTimer(
            Math.max(1, startTimeout.toMillis()),
            id -> {
              if (started.tryFail(
                  new RuntimeFailure(
                      RuntimeFailure.Kind.TEMPORARY,
                      what
                          + ": the engine did not answer within "
                          + startTimeout.toMillis()
                          + " ms"))) {
                reader.relay.close();
              }
            });
    try {
      cmd.exec(reader);
    } catch (RuntimeException e) {
      started.tryFail(DockerErrors.classify(what, e));
    }
    return started.future().onComplete(done -> vertx.cancelTimer(timer));
  }

  /** docker-java's callback: frames into the relay, the end or the failure after them. */
  private static final class Reader extends ResultCallback.Adapter<Frame> {
    final LogRelay relay;
    private final Context context;
    private final Promise<LogStream> started;
    private final String what;
    private volatile boolean cancelled;

    Reader(Context context, Promise<LogStream> started, String what) {
      this.context = context;
      this.started = started;
      this.what = what;
      this.relay = new LogRelay(context, this::cancel);
    }

    private void cancel() {
      cancelled = true;
      try {
        close(); // interrupts docker-java's reading thread and closes the engine's response
      } catch (java.io.IOException e) {
        LOG.debug("closing {}", what, e);
      }
    }

    @Override
    public void onStart(Closeable stream) {
      super.onStart(stream);
      if (cancelled) {
        cancel();
        return;
      }
      context.runOnContext(v -> started.tryComplete(relay));
    }

    @Override
    public void onNext(Frame frame) {
      try {
        if (!relay.push(Buffer.buffer(frame.getPayload()))) {
          cancel();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void onError(Throwable error) {
      if (cancelled) {
        return; // the reader went away; closing the stream is what broke it
      }
      RuntimeFailure failure = DockerErrors.classify(what, error);
      context.runOnContext(
          v -> {
            if (!started.tryFail(failure)) {
              LOG.warn("{} broke off before its end: {}", what, failure.getMessage());
              relay.fail(failure);
            }
          });
    }

    @Override
    public void onComplete() {
      // docker-java calls this after onError too: the relay keeps whichever came first.
      context.runOnContext(
          v -> {
            started.tryComplete(relay);
            relay.finish();
          });
      try {
        super.close();
      } catch (java.io.IOException e) {
        LOG.debug("closing {}", what, e);
      }
    }
  }
}
