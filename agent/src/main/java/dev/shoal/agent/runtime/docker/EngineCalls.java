package dev.shoal.agent.runtime.docker;

import dev.shoal.agent.runtime.RuntimeFailure;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed pool of threads that may block on the engine, where every call has a deadline that really
 * ends it. Vert.x's {@code Future.timeout} only fails the future: the thread stays inside the
 * engine call for as long as the engine keeps quiet, and eight quiet calls take the whole pool for
 * good. Here the deadline (counted from when the call is made, time spent queued included) cancels
 * the call: a queued one never starts, a running one is interrupted, which closes a unix-socket
 * channel it is blocked reading (docker-java reads the engine's socket through an interruptible
 * {@code SocketChannel}); a TCP socket, which an interrupt does not unblock, is bounded by the
 * transport's own response timeout ({@link DockerConnector}). The call then fails as {@link
 * RuntimeFailure.Kind#TEMPORARY}, so callers retry with back-off.
 *
 * <p>Results are delivered on the Vert.x context the call was made from.
 */
final class EngineCalls {
  private final Vertx vertx;
  private final ThreadPoolExecutor threads;

  EngineCalls(Vertx vertx, String name, int size) {
    this.vertx = vertx;
    AtomicInteger count = new AtomicInteger();
    this.threads =
        new ThreadPoolExecutor(
            size,
            size,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, name + "-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Runs {@code call} on a pool thread; fails TEMPORARY (and interrupts it) when {@code timeout}
   * passes first.
   */
  <T> Future<T> run(String what, Callable<T> call, Duration timeout) {
    Context context = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    FutureTask<Void> task =
        new FutureTask<>(
            () -> {
              try {
                T result = call.call();
                context.runOnContext(v -> promise.tryComplete(result));
              } catch (Throwable e) {
                context.runOnContext(v -> promise.tryFail(DockerErrors.classify(what, e)));
              }
              return null;
            });
    long timer =
        vertx.setTimer(
            Math.max(1, timeout.toMillis()),
            id -> {
              if (task.cancel(true)) {
                promise.tryFail(
                    new RuntimeFailure(
                        RuntimeFailure.Kind.TEMPORARY,
                        what + ": the engine did not answer within " + timeout.toMillis() + " ms"));
              }
            });
    try {
      threads.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      vertx.cancelTimer(timer);
      return Future.failedFuture(
          new RuntimeFailure(RuntimeFailure.Kind.FATAL, what + ": the runtime is closed"));
    }
    return promise.future().onComplete(done -> vertx.cancelTimer(timer));
  }

  /** Calls running or queued now. */
  int busy() {
    return threads.getActiveCount() + threads.getQueue().size();
  }

  /** Interrupts whatever still runs and takes no more calls. */
  void close() {
    threads.shutdownNow();
  }
}
