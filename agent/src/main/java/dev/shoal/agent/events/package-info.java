/**
 * Events: what happened to an object, told the way Kubernetes tells it (core/v1 Events). An {@link
 * dev.shoal.agent.events.EventRecorder} folds repeats into a count and rate-limits storms ({@link
 * dev.shoal.agent.events.EventCorrelator}), then writes to an {@link
 * dev.shoal.agent.events.EventStore}: its own map with a time to live and a size bound (on
 * Hazelcast in {@code store.hazelcast.HazelcastEvents}, in memory for tests), never the object
 * store, so events never crowd out or slow down real state.
 */
package dev.shoal.agent.events;
