package dev.shoal.agent.scheduler;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.Pod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduler's picture of the cluster: every node and the pods on it. Bound pods come from the
 * watch ({@link #observe}); a placement the scheduler just made is {@link #assume}d at once so the
 * next pod of the batch sees it, then confirmed by the watch or dropped with {@link #forget} when
 * the bind fails. Single-threaded: the scheduler's context owns it.
 */
public final class SchedulingCache {

  private final Map<String, NodeUsage> nodes = new LinkedHashMap<>();
  private final List<NodeUsage> nodeList = new ArrayList<>();
  private final OwnerCounts owners = new OwnerCounts();
  private int nextSlot;
  private final Map<ObjectKey, Assignment> assignments = new HashMap<>();

  /**
   * Where a pod is counted; {@code version} is the pod's resourceVersion when observed, MAX when
   * only assumed.
   */
  private record Assignment(String node, PodRequest request, long version) {}

  /** Adds or updates a node; true when it is new or changed in a way placement cares about. */
  public boolean upsertNode(Node node) {
    NodeUsage usage = nodes.get(node.metadata().name());
    if (usage == null) {
      usage = new NodeUsage(node, owners, nextSlot++);
      nodes.put(node.metadata().name(), usage);
      nodeList.add(usage);
      for (Assignment a : assignments.values()) {
        if (a.node().equals(usage.name())) {
          usage.add(a.request());
        }
      }
      return true;
    }
    return usage.update(node);
  }

  public void removeNode(String name) {
    NodeUsage removed = nodes.remove(name);
    if (removed != null) {
      nodeList.remove(removed);
    }
  }

  /** Every node, in a stable order (for round-robin starts). */
  public List<NodeUsage> nodes() {
    return Collections.unmodifiableList(nodeList);
  }

  public NodeUsage node(String name) {
    return nodes.get(name);
  }

  /**
   * Takes the stored state of a pod: bound and running pods use their node, finished ones free it.
   */
  public void observe(Pod pod) {
    ObjectKey key = ObjectKey.of(pod);
    if (!PodFacts.isBound(pod) || PodFacts.isTerminal(pod)) {
      forget(key);
      return;
    }
    Assignment current = assignments.get(key);
    if (current != null && current.node().equals(pod.spec().nodeName())) {
      if (current.version() != version(pod)) {
        assignments.put(key, new Assignment(current.node(), current.request(), version(pod)));
      }
      return;
    }
    forget(key);
    place(key, pod.spec().nodeName(), PodRequest.of(pod), version(pod));
  }

  /** Counts a placement before the store confirms it. */
  public void assume(PodRequest pod, String nodeName) {
    forget(pod.key());
    place(pod.key(), nodeName, pod, Long.MAX_VALUE);
  }

  /** Drops a pod (deleted, finished, or a bind that did not happen). */
  public void forget(ObjectKey key) {
    Assignment old = assignments.remove(key);
    if (old != null) {
      NodeUsage usage = nodes.get(old.node());
      if (usage != null) {
        usage.remove(old.request());
      }
    }
  }

  public boolean knows(ObjectKey key) {
    return assignments.containsKey(key);
  }

  /**
   * Drops pods a listing at {@code listingVersion} no longer has, if it is newer than what we saw
   * of them.
   */
  public void forgetMissing(java.util.Set<ObjectKey> listed, long listingVersion) {
    for (ObjectKey key : List.copyOf(assignments.keySet())) {
      Assignment a = assignments.get(key);
      if (!listed.contains(key) && a.version() <= listingVersion) {
        forget(key);
      }
    }
  }

  static long version(dev.shoal.manifests.model.Resource object) {
    try {
      String v = object.metadata().resourceVersion();
      return v == null ? Long.MAX_VALUE : Long.parseLong(v);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private void place(ObjectKey key, String nodeName, PodRequest request, long version) {
    assignments.put(key, new Assignment(nodeName, request, version));
    NodeUsage usage = nodes.get(nodeName);
    if (usage != null) {
      usage.add(request);
    }
  }
}
