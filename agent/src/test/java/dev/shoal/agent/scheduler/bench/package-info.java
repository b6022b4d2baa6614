/**
 * The scheduler benchmark ({@code bench/scheduler/run}): hollow nodes, a burst of pods, Shoal vs a
 * naive reference.
 */
package dev.shoal.agent.scheduler.bench;
