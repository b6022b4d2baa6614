package dev.shoal.agent.metrics;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SampleShare} in this JVM's memory: for one-process clusters and tests. Entries older
 * than {@code keep} are not returned.
 */
public final class LocalSampleShare implements SampleShare {

  private final Map<String, NodeSample> samples = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration keep;

  public LocalSampleShare(Clock clock, Duration keep) {
    this.clock = clock;
    this.keep = keep;
  }

  @Override
  public Future<Void> publish(NodeSample sample) {
    samples.put(sample.node(), sample);
    return Future.succeededFuture();
  }

  @Override
  public Future<List<NodeSample>> all() {
    long oldest = clock.millis() - keep.toMillis();
    return Future.succeededFuture(
        samples.values().stream().filter(s -> s.timestampMillis() >= oldest).toList());
  }
}
