package dev.shoal.agent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.shoal.agent.control.Backoff;
import dev.shoal.agent.control.Contexts;
import dev.shoal.agent.control.Retry;
import dev.shoal.agent.control.Timer;
import dev.shoal.agent.runtime.ContainerEvent;
import dev.shoal.agent.runtime.ShoalLabels;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.Closeable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the engine's start/die events for Shoal containers to listeners on a Vert.x context; the
 * stream is opened on the first subscription and reopened after it breaks: a second later, doubling
 * (to at most 30 s, less up to a fifth of jitter) while it keeps breaking before it delivered an
 * event or stayed open for 30 s, on the injected {@link Timer}. The reopen state lives on the
 * listeners' context.
 */
final class DockerEvents {
  private static final Logger LOG = LoggerFactory.getLogger(DockerEvents.class);

  static final Backoff REOPEN = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);

  private final Vertx vertx;
  private final Timer timer;
  private final DockerClient docker;
  private final Retry reopens = new Retry(REOPEN);

  /** When the current stream was opened, and whether it delivered an event: it was healthy. */
  private volatile Instant openedAt;

  private volatile boolean delivered;
  private final List<Consumer<ContainerEvent>> listeners = new CopyOnWriteArrayList<>();
  private Context context;
  private Closeable stream;
  private boolean closed;

  DockerEvents(Vertx vertx, Timer timer, DockerClient docker) {
    this.vertx = vertx;
    this.timer = timer;
    this.docker = docker;
  }

  synchronized void subscribe(Consumer<ContainerEvent> listener) {
    listeners.add(listener);
    if (context == null) {
      context = vertx.getOrCreateContext();
      open();
    }
  }

  private synchronized void open() {
    if (closed) {
      return;
    }
    openedAt = timer.clock().instant();
    delivered = false;
    stream =
        docker
            .eventsCmd()
            .withEventTypeFilter(EventType.CONTAINER)
            .withEventFilter("start", "die")
            .withLabelFilter(Map.of(ShoalLabels.MANAGED, "true"))
            .exec(
                new ResultCallback.Adapter<Event>() {
                  /** One reopen per stream, whether it ends by an error, a close or both. */
                  private final AtomicBoolean ended = new AtomicBoolean();

                  @Override
                  public void onNext(Event e) {
                    Map<String, String> attrs =
                        e.getActor() == null ? Map.of() : e.getActor().getAttributes();
                    ContainerEvent event = new ContainerEvent(e.getId(), e.getAction(), attrs);
                    delivered = true;
                    context.runOnContext(v -> listeners.forEach(l -> l.accept(event)));
                  }

                  @Override
                  public void onError(Throwable t) {
                    if (ended.compareAndSet(false, true)) {
                      reopenLater(t);
                    }
                  }

                  @Override
                  public void onComplete() {
                    if (ended.compareAndSet(false, true)) {
                      reopenLater(null);
                    }
                  }
                });
  }

  private void reopenLater(Throwable cause) {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    Contexts.run(
        context,
        () -> {
          if (delivered || !openedAt.plus(REOPEN.cap()).isAfter(timer.clock().instant())) {
            reopens.succeeded(); // it was a working stream: start over from the base delay
          }
          Duration delay = reopens.failed();
          LOG.debug(
              "Docker event stream ended ({}); reopening in {} ms",
              cause == null ? "closed" : cause.toString(),
              delay.toMillis());
          timer.schedule(
              delay,
              () ->
                  vertx.executeBlocking(
                      () -> {
                        open();
                        return null;
                      },
                      false));
        });
  }

  synchronized void close() {
    closed = true;
    if (stream != null) {
      try {
        stream.close();
      } catch (Exception e) {
        LOG.debug("closing event stream", e);
      }
    }
  }
}
