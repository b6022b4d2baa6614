package dev.shoal.agent.scheduler;

import java.util.List;

/**
 * A feasibility check: may this pod run on this node? A refusal is a list of reasons in Kubernetes'
 * words (e.g. {@code Insufficient memory}); the scheduler counts them across nodes for the pod's
 * PodScheduled condition. An empty list means the node fits.
 */
public interface Filter {

  String name();

  List<String> reject(PodRequest pod, NodeUsage node);
}
