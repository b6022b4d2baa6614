/**
 * This agent's Prometheus metrics, served at {@code /metrics} on the API port.
 *
 * <p>One {@link io.micrometer.prometheusmetrics.PrometheusMeterRegistry} per agent ({@link
 * AgentMeters}), never Micrometer's global registry: hollow agents share a JVM and each must count
 * only its own work. Components that sit on a hot path or in a module without Micrometer (the DNS
 * responder, the store's watch hub) keep plain counters and are bound here as function meters, so a
 * query or a watch event costs one {@code LongAdder} add and nothing at all when nobody scrapes.
 */
package dev.shoal.agent.telemetry;
