package dev.shoal.agent.controllers.daemon;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.controllers.TemplateHash;
import dev.shoal.manifests.model.DaemonSet;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.PodTemplateSpec;
import dev.shoal.manifests.model.Toleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod a daemon set runs on one node: its template, labelled with the template's revision hash
 * ({@code controller-revision-hash}, as upstream's daemon pods), owned by the set, bound to the
 * node, and with the tolerations upstream's daemon set controller adds to every daemon pod, so that
 * a node that is not ready, unreachable, under pressure or cordoned keeps (and gets) its daemon.
 */
public final class DaemonPods {

  public static final String REVISION_LABEL = "controller-revision-hash";

  /** Tolerated for ever: a daemon pod stays on its node while the node is lost. */
  static final List<Toleration> AUTOMATIC =
      List.of(
          exists("node.kubernetes.io/not-ready", "NoExecute"),
          exists("node.kubernetes.io/unreachable", "NoExecute"),
          exists("node.kubernetes.io/disk-pressure", "NoSchedule"),
          exists("node.kubernetes.io/memory-pressure", "NoSchedule"),
          exists("node.kubernetes.io/pid-pressure", "NoSchedule"),
          exists("node.kubernetes.io/unschedulable", "NoSchedule"));

  /** Added only for host-network pods, as upstream. */
  static final Toleration NETWORK_UNAVAILABLE =
      exists("node.kubernetes.io/network-unavailable", "NoSchedule");

  private DaemonPods() {}

  /** The hash of the set's current template (what {@link #REVISION_LABEL} carries). */
  public static String revision(DaemonSet ds) {
    return TemplateHash.of(ds.spec().template());
  }

  /** The template's tolerations followed by the automatic ones it does not already carry. */
  public static List<Toleration> tolerations(PodSpec spec) {
    List<Toleration> all = new ArrayList<>(spec.tolerationsOrEmpty());
    List<Toleration> automatic = new ArrayList<>(AUTOMATIC);
    if (Boolean.TRUE.equals(spec.hostNetwork())) {
      automatic.add(NETWORK_UNAVAILABLE);
    }
    for (Toleration t : automatic) {
      boolean present =
          all.stream()
              .anyMatch(
                  have ->
                      t.key().equals(have.key())
                          && t.effect().equals(have.effect())
                          && Toleration.EXISTS.equals(have.operator()));
      if (!present) {
        all.add(t);
      }
    }
    return List.copyOf(all);
  }

  /** A new pod of the set's current template for {@code nodeName}. */
  public static Pod newPod(DaemonSet ds, String nodeName, String revision) {
    PodTemplateSpec template = ds.spec().template();
    ObjectMeta tm = template.metadata();
    Map<String, String> labels = new LinkedHashMap<>(tm == null ? Map.of() : tm.labelsOrEmpty());
    labels.put(REVISION_LABEL, revision);
    ObjectMeta meta =
        new ObjectMeta(
            null,
            ds.metadata().name() + "-",
            ds.metadata().namespace(),
            labels,
            tm == null ? null : tm.annotations(),
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(PodFacts.controllerRef(ds)),
            null);
    PodSpec spec =
        template.spec().withTolerations(tolerations(template.spec())).withNodeName(nodeName);
    return new Pod(meta, spec, PodStatus.phase("Pending"));
  }

  private static Toleration exists(String key, String effect) {
    return new Toleration(key, Toleration.EXISTS, null, effect, null);
  }
}
