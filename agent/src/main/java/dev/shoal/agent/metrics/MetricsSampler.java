package dev.shoal.agent.metrics;

import dev.shoal.agent.control.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples this node's pod containers and the host every {@code interval} on the injected {@link
 * Timer}: asks the {@link TargetSource} for the containers (cached there), reads their cgroup files
 * on a worker thread of its own ({@link Sampling}; file reads block), and hands each {@link
 * NodeSample} to the listener on the context that started it. Ticks keep a fixed rate; one that
 * finds the previous still running is skipped, so a slow disk cannot pile reads up.
 */
public final class MetricsSampler {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsSampler.class);

  private final Timer timer;
  private final TargetSource targets;
  private final Duration interval;
  private final Sampling sampling;
  private final Consumer<NodeSample> listener;
  private final WorkerExecutor worker;
  private volatile NodeSample latest;
  private Timer.Scheduled next;
  private long dueMillis;
  private boolean running;
  private boolean stopped;
  private Future<Void> inFlight = Future.succeededFuture();

  /**
   * {@code window} is the span the CPU rate covers (at least {@code interval}); {@code procRoot} is
   * {@code /proc} but in tests.
   */
  public MetricsSampler(
      Vertx vertx,
      Timer timer,
      String nodeName,
      TargetSource targets,
      Path procRoot,
      Duration interval,
      Duration window,
      Consumer<NodeSample> listener) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the metrics interval must be positive: " + interval);
    }
    this.timer = timer;
    this.targets = targets;
    this.interval = interval;
    this.sampling =
        new Sampling(nodeName, procRoot, Math.max(window.toMillis(), interval.toMillis()));
    this.listener = listener;
    this.worker = vertx.createSharedWorkerExecutor("shoal-metrics-" + nodeName, 1);
  }

  /** Takes the first sample now, then one every interval. Call on a Vert.x context. */
  public void start() {
    dueMillis = timer.clock().millis();
    tick();
  }

  /** The newest sample, or null before the first. */
  public NodeSample latest() {
    return latest;
  }

  /** Stops the ticks, waits for a sample under way, and closes the files. */
  public Future<Void> stop() {
    stopped = true;
    if (next != null) {
      next.cancel();
    }
    return inFlight
        .transform(
            done ->
                worker.executeBlocking(
                    () -> {
                      sampling.close();
                      return null;
                    }))
        .eventually(worker::close)
        .mapEmpty();
  }

  private void tick() {
    if (stopped) {
      return;
    }
    dueMillis += interval.toMillis();
    long now = timer.clock().millis();
    if (dueMillis <= now) { // fell behind (a long pause): start the rate again from now
      dueMillis = now + interval.toMillis();
    }
    next = timer.schedule(Duration.ofMillis(dueMillis - now), this::tick);
    if (running) {
      LOG.debug("metrics sample still running at the next tick; skipped one");
      return;
    }
    running = true;
    Promise<Void> done = Promise.promise();
    inFlight = done.future();
    targets
        .targets()
        .compose(
            current ->
                worker.executeBlocking(
                    () -> sampling.sample(current, timer.clock().millis()), false))
        .onComplete(
            result -> {
              running = false;
              if (result.succeeded()) {
                latest = result.result();
                if (!stopped) {
                  listener.accept(result.result());
                }
              } else {
                LOG.warn("metrics sample failed: {}", result.cause().toString());
              }
              done.complete();
            });
  }
}
