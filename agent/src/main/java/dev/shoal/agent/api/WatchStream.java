package dev.shoal.agent.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.shoal.agent.control.Contexts;
import dev.shoal.agent.control.Timer;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.codec.Json;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One {@code ?watch=true} response: a chunked stream of {@code {"type":..,"object":..}} lines, as
 * the Kubernetes API sends them. A client that reads too slowly is cut off rather than buffered
 * without bound; it resumes from the last resourceVersion it saw. {@code timeoutSeconds} ends the
 * stream on the injected {@link Timer}; the stream's state lives on the request's context.
 */
final class WatchStream {

  /**
   * A timeout longer than this (a century) sets no timer: it would never fire, and in milliseconds
   * overflows.
   */
  private static final long NEVER_SECONDS = 100L * 365 * 24 * 3600;

  private final Timer timer;
  private final Context context;
  private final HttpServerResponse response;
  private final Predicate<Resource> filter;
  private Function<Resource, Object> render = object -> object;
  private ClusterStore.Watch watch;
  private Timer.Scheduled timeout;
  private boolean closed;
  private Runnable onClosed = () -> {};

  /** Made on the request's context. */
  WatchStream(Timer timer, HttpServerResponse response, Predicate<Resource> filter) {
    this.timer = timer;
    this.context = Vertx.currentContext();
    if (context == null) {
      throw new IllegalStateException("a watch stream is made on its request's context");
    }
    this.response = response;
    this.filter = filter;
  }

  /**
   * What each event carries for an object (the object itself unless set, or its Table); set before
   * {@link #start}.
   */
  void rendering(Function<Resource, Object> render) {
    this.render = render;
  }

  /**
   * Where a watch's changes come from: the object store's watch of one kind, or the events map's.
   */
  @FunctionalInterface
  interface Source {
    Future<ClusterStore.Watch> watch(long sinceVersion, Consumer<WatchEvent> sink);
  }

  /**
   * Starts streaming: the given initial objects as ADDED, then every change after {@code
   * sinceVersion}.
   */
  Future<Void> start(
      Source source, Iterable<Resource> initial, long sinceVersion, long timeoutSeconds) {
    response.setChunked(true).putHeader("Content-Type", "application/json").setStatusCode(200);
    response.closeHandler(ignored -> close());
    // Headers now, as the Kubernetes API does: a client knows the watch is open before the first
    // event.
    response.writeHead();
    for (Resource object : initial) {
      send("ADDED", render.apply(object));
    }
    if (timeoutSeconds > 0 && timeoutSeconds < NEVER_SECONDS) {
      Contexts.run(
          context,
          () -> {
            if (!closed) {
              timeout = timer.schedule(Duration.ofSeconds(timeoutSeconds), this::end);
            }
          });
    }
    return source
        .watch(sinceVersion, this::onEvent)
        .onSuccess(
            started -> {
              watch = started;
              if (closed) {
                started.cancel();
              }
            })
        .recover(
            failure -> {
              send("ERROR", Errors.statusOf(failure));
              end();
              return Future.succeededFuture();
            })
        .mapEmpty();
  }

  private void onEvent(WatchEvent event) {
    if (!closed && filter.test(event.object())) {
      send(event.type().name(), render.apply(event.object()));
    }
  }

  private void send(String type, Object object) {
    if (closed) {
      return;
    }
    if (response.writeQueueFull()) {
      end();
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("type", type);
    line.put("object", object);
    try {
      response.write(Buffer.buffer(Json.mapper().writeValueAsBytes(line)).appendByte((byte) '\n'));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize watch event", e);
    }
  }

  /** Runs once when the stream ends, whichever side ends it. */
  void whenClosed(Runnable action) {
    this.onClosed = action;
  }

  /** Ends the stream from the server's side (timeout, slow reader, revoked token). */
  void end() {
    if (!closed) {
      close();
      if (!response.ended()) {
        response.end();
      }
    }
  }

  private void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (watch != null) {
      watch.cancel();
    }
    if (timeout != null) {
      timeout.cancel();
    }
    onClosed.run(); // last: whoever is told the stream ended finds it holding nothing
  }
}
