package dev.shoal.agent.controllers.daemon;

import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.Taint;
import dev.shoal.manifests.model.Toleration;
import dev.shoal.manifests.selectors.NodeAffinityMatch;
import java.util.List;
import java.util.Map;

/**
 * Whether a daemon pod belongs on a node, as upstream's {@code NodeShouldRunDaemonPod}: it should
 * run there when the node matches the template's node selector and required node affinity and every
 * NoSchedule and NoExecute taint is tolerated (with the automatic daemon tolerations); a pod
 * already there may continue to run unless the node matches no longer or has a NoExecute taint it
 * does not tolerate (a new NoSchedule taint does not evict it). Readiness and cordoning are not
 * checked: daemon pods tolerate both.
 */
record NodeEligibility(boolean shouldRun, boolean shouldContinueRunning) {

  static NodeEligibility of(PodSpec template, Node node) {
    Map<String, String> labels = node.metadata().labelsOrEmpty();
    Map<String, String> selector = template.nodeSelector();
    boolean selected =
        (selector == null || labels.entrySet().containsAll(selector.entrySet()))
            && NodeAffinityMatch.matches(
                template.requiredNodeAffinity(), node.metadata().name(), labels);
    if (!selected) {
      return new NodeEligibility(false, false);
    }
    List<Toleration> tolerations = DaemonPods.tolerations(template);
    boolean run = true;
    boolean stay = true;
    List<Taint> taints = node.spec() == null ? null : node.spec().taints();
    for (Taint t : taints == null ? List.<Taint>of() : taints) {
      boolean tolerated = Toleration.anyTolerates(tolerations, t);
      if (!tolerated && "NoSchedule".equals(t.effect())) {
        run = false;
      } else if (!tolerated && "NoExecute".equals(t.effect())) {
        run = false;
        stay = false;
      }
    }
    return new NodeEligibility(run, stay);
  }
}
