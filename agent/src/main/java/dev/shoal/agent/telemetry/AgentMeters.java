package dev.shoal.agent.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/** The meters of one agent and their Prometheus text exposition. */
public final class AgentMeters {

  /** The Prometheus text format's content type. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /**
   * Latency buckets shared by every histogram: 1 ms to 10 s, roughly three per decade, as the
   * Kubernetes API server's own (a bounded set keeps each histogram at 14 series).
   */
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final PrometheusMeterRegistry registry;

  private AgentMeters(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /** A registry with the process and JVM meters (memory, threads, CPU, uptime) bound. */
  public static AgentMeters withProcessMeters() {
    AgentMeters meters = bare();
    new JvmMemoryMetrics().bindTo(meters.registry);
    new JvmThreadMetrics().bindTo(meters.registry);
    new ClassLoaderMetrics().bindTo(meters.registry);
    new ProcessorMetrics().bindTo(meters.registry);
    new UptimeMetrics().bindTo(meters.registry);
    return meters;
  }

  /** A registry with nothing bound yet (tests, hollow agents sharing one JVM). */
  public static AgentMeters bare() {
    return new AgentMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Everything registered, in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }

  /** A latency histogram with the shared buckets; {@code tags} as key, value pairs. */
  public static Timer latency(
      MeterRegistry registry, String name, String description, String... tags) {
    return Timer.builder(name)
        .description(description)
        .tags(tags)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry);
  }
}
