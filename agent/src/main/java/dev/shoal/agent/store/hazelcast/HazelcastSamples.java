package dev.shoal.agent.store.hazelcast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.shoal.agent.metrics.NodeSample;
import dev.shoal.agent.metrics.SampleShare;
import dev.shoal.manifests.codec.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SampleShare} on a Hazelcast map of its own: key the node's name, value its newest
 * {@link NodeSample} as JSON, written with a time to live so a stopped node's entry goes. No
 * listener and no object-store version: a sample a second per node wakes no watcher anywhere. No
 * backup either: a lost entry is back at the node's next sample.
 */
public final class HazelcastSamples implements SampleShare {
  private static final Logger LOG = LoggerFactory.getLogger(HazelcastSamples.class);

  /**
   * Outside {@code shoal-*}, whose configuration (version merge, no expiry) is the object store's.
   */
  public static final String DEFAULT_MAP = "shoal.metrics";

  private final IMap<String, String> map;
  private final Duration ttl;
  private final Calls calls = new Calls(Duration.ofSeconds(5));
  private final WorkerExecutor workers;

  public HazelcastSamples(Vertx vertx, HazelcastInstance hazelcast, String mapName, Duration ttl) {
    try {
      hazelcast
          .getConfig()
          .addMapConfig(
              new MapConfig(mapName)
                  .setBackupCount(0)
                  .setAsyncBackupCount(0)
                  .setStatisticsEnabled(false));
    } catch (InvalidConfigurationException e) {
      LOG.debug("metrics map {} keeps another member's configuration: {}", mapName, e.getMessage());
    }
    this.map = hazelcast.getMap(mapName);
    this.ttl = ttl;
    this.workers = vertx.createSharedWorkerExecutor("shoal-metrics-share-" + UUID.randomUUID(), 2);
  }

  @Override
  public Future<Void> publish(NodeSample sample) {
    return workers.executeBlocking(
        () -> {
          calls.await(
              map.setAsync(
                  sample.node(),
                  encode(sample),
                  Math.max(1, ttl.toMillis()),
                  TimeUnit.MILLISECONDS));
          return null;
        },
        false);
  }

  @Override
  public Future<List<NodeSample>> all() {
    return workers.executeBlocking(
        () -> {
          List<NodeSample> samples = new ArrayList<>();
          for (String value : map.values()) {
            samples.add(Json.mapper().readValue(value, NodeSample.class));
          }
          return samples;
        },
        false);
  }

  public Future<Void> close() {
    return workers.close();
  }

  private static String encode(NodeSample sample) throws JsonProcessingException {
    return Json.mapper().writeValueAsString(sample);
  }
}
