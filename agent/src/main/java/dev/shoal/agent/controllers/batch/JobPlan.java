package dev.shoal.agent.controllers.batch;

import dev.shoal.manifests.model.JobStatus;
import dev.shoal.manifests.model.Pod;
import java.util.List;

/**
 * What one job sync should do: pods to create (their names are derived from index and attempt for
 * Indexed jobs, so a second leader cannot create the same one), pods to delete, the status to
 * record, whether the job itself goes (its time to live after finishing has passed), and when to
 * look again ({@code -1}: on events only).
 */
public record JobPlan(
    List<Pod> create,
    List<Pod> delete,
    JobStatus status,
    boolean deleteJob,
    long recheckAfterMillis) {}
