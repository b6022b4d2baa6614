/**
 * The batch/v1 controllers of the leader: {@link dev.shoal.agent.controllers.batch.JobController}
 * runs each Job's pods to its completions (NonIndexed or Indexed, back-off, deadline, suspend, time
 * to live) and {@link dev.shoal.agent.controllers.batch.CronJobController} creates Jobs at the
 * times of each CronJob's schedule. Both decide in pure planners on an injected clock ({@code
 * JobPlanner}, {@code CronJobPlanner}) and only read and write in the controllers. A run is never
 * doubled: Job pods of an index and a CronJob's Jobs have names derived from what they run (index
 * and attempt, scheduled minute), so a second leader acting on the same state is refused by the
 * store.
 */
package dev.shoal.agent.controllers.batch;
