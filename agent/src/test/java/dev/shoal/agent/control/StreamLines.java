package dev.shoal.agent.control;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The lines of a streamed HTTP body (a watch, a followed log) as they arrive. A test waits on their
 * arrival: every chunk wakes the waiter, which checks its condition again; nothing polls a clock.
 * Attach it on the event loop in the same turn that delivers the response ({@code
 * request.send().map(lines::attach)}), so no early chunk is missed.
 */
public final class StreamLines {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final List<String> lines = new ArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  private final Promise<Void> ended = Promise.promise();
  private volatile HttpClientResponse response;

  public HttpClientResponse attach(HttpClientResponse response) {
    this.response = response;
    response.handler(chunk -> append(chunk.toString()));
    response.endHandler(v -> ended.tryComplete());
    response.exceptionHandler(ended::tryFail);
    return response;
  }

  private synchronized void append(String text) {
    partial.append(text);
    int newline;
    while ((newline = partial.indexOf("\n")) >= 0) {
      lines.add(partial.substring(0, newline));
      partial.delete(0, newline + 1);
    }
    notifyAll();
  }

  /** Completes when the server ends the stream; fails when the connection breaks. */
  public Future<Void> ended() {
    return ended.future();
  }

  /** Closes the stream from the client's end (resets its request). */
  public void cancel() {
    if (response != null) {
      response.request().reset();
    }
  }

  /** The complete lines so far. */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /** Waits (10 s at most) until at least {@code count} lines have arrived; returns them all. */
  public List<String> await(int count, String what) throws InterruptedException {
    return await(l -> l.size() >= count, DEADLINE, what);
  }

  /** The lines, each parsed as JSON (a watch's events), once at least {@code count} arrived. */
  public List<JsonObject> awaitJson(int count, String what) throws InterruptedException {
    return await(count, what).stream().map(JsonObject::new).toList();
  }

  /** Waits until the lines so far satisfy {@code condition}; returns them. */
  public synchronized List<String> await(
      Predicate<List<String>> condition, Duration deadline, String what)
      throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.test(lines)) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "timed out after " + deadline + " waiting for " + what + "; lines: " + lines);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return List.copyOf(lines);
  }
}
