package dev.shoal.agent.controllers.daemon;

import dev.shoal.manifests.model.DaemonSetStatus;
import dev.shoal.manifests.model.Pod;
import java.util.List;

/**
 * What one daemon set sync does: create a pod of the current template on each of {@code createOn}
 * (node names), delete {@code delete}, record {@code status}, and look again after {@code
 * recheckAfterMillis} (0: only on the next event) when a pod becomes available by time alone.
 */
public record DaemonSetPlan(
    List<String> createOn, List<Pod> delete, DaemonSetStatus status, long recheckAfterMillis) {}
