package dev.shoal.agent.worker;

import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Volume;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a claim volume is on this node ({@code path}), or why it cannot be mounted yet ({@code
 * waiting}). A pod whose claims are not all mountable does not start: its worker looks again after
 * {@link #RETRY} (the node's provisioner binds a claim within moments of the pod's placement).
 */
public record ClaimMount(String path, String waiting) {

  static final Duration RETRY = Duration.ofMillis(500);

  public static ClaimMount at(String path) {
    return new ClaimMount(path, null);
  }

  public static ClaimMount waiting(String why) {
    return new ClaimMount(null, why);
  }

  /** The directories of a pod's claim volumes by volume name, or the first reason to wait. */
  record Resolved(Map<String, String> dirs, String waiting) {}

  static Future<Resolved> resolve(PodHost host, Pod pod) {
    List<Volume> claims = new ArrayList<>();
    for (Volume v : pod.spec().volumesOrEmpty()) {
      if (v.persistentVolumeClaim() != null) {
        claims.add(v);
      }
    }
    if (claims.isEmpty()) {
      return Future.succeededFuture(new Resolved(Map.of(), null));
    }
    List<Future<ClaimMount>> reads = new ArrayList<>();
    for (Volume v : claims) {
      reads.add(host.claim(pod.metadata().namespace(), v.persistentVolumeClaim().claimName()));
    }
    return Future.all(reads)
        .map(
            all -> {
              Map<String, String> dirs = new LinkedHashMap<>();
              for (int i = 0; i < claims.size(); i++) {
                ClaimMount m = reads.get(i).result();
                if (m.waiting() != null) {
                  return new Resolved(Map.of(), m.waiting());
                }
                dirs.put(claims.get(i).name(), m.path());
              }
              return new Resolved(dirs, null);
            });
  }
}
