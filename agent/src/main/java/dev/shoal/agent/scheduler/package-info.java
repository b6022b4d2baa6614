/**
 * Where pods run. {@link dev.shoal.agent.scheduler.Placement} is pure: feasibility {@link
 * dev.shoal.agent.scheduler.Filter}s (each explains a refusal) then {@link
 * dev.shoal.agent.scheduler.Scorer}s over a {@link dev.shoal.agent.scheduler.NodeUsage} snapshot.
 * {@link dev.shoal.agent.scheduler.Scheduler} does the I/O: it watches nodes and pods, lets a burst
 * settle, places the batch against a {@link dev.shoal.agent.scheduler.SchedulingCache} updated as
 * it binds (assume, then confirm from the watch) and writes {@code spec.nodeName} plus a
 * PodScheduled condition.
 */
package dev.shoal.agent.scheduler;
