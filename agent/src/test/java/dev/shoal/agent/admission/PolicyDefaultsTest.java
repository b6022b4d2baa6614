package dev.shoal.agent.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.NetworkPolicy;
import dev.shoal.manifests.model.NetworkPolicyEgressRule;
import dev.shoal.manifests.model.NetworkPolicySpec;
import dev.shoal.manifests.model.ObjectMeta;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The defaults NetworkPolicy enforcement relies on, as the API server sets them. */
class PolicyDefaultsTest {

  private final Admission admission = new Admission();

  @Test
  void everyNamespaceCarriesItsNameLabelWhateverTheWriterSaid() {
    Namespace ns =
        new Namespace(
            ObjectMeta.named(null, "team")
                .withLabels(Map.of("kubernetes.io/metadata.name", "other", "env", "prod")),
            null,
            null);
    Namespace out = (Namespace) admission.withDefaults(ns);
    assertEquals(
        Map.of("kubernetes.io/metadata.name", "team", "env", "prod"), out.metadata().labels());
    Namespace bare = (Namespace) admission.withDefaults(Namespace.named("plain"));
    assertEquals(Map.of("kubernetes.io/metadata.name", "plain"), bare.metadata().labels());
  }

  @Test
  void policyTypesDefaultToIngressPlusEgressWhenThereAreEgressRules() {
    LabelSelector all = new LabelSelector(null, null);
    assertEquals(List.of("Ingress"), types(new NetworkPolicySpec(all, null, null, null)));
    assertEquals(List.of("Ingress"), types(new NetworkPolicySpec(all, null, null, List.of())));
    assertEquals(
        List.of("Ingress", "Egress"),
        types(
            new NetworkPolicySpec(
                all, null, null, List.of(new NetworkPolicyEgressRule(null, null)))));
    assertEquals(
        List.of("Egress"), types(new NetworkPolicySpec(all, List.of("Egress"), null, null)));
  }

  private List<String> types(NetworkPolicySpec spec) {
    NetworkPolicy np = new NetworkPolicy(ObjectMeta.named("default", "p"), spec);
    return ((NetworkPolicy) admission.withDefaults(np)).spec().policyTypes();
  }
}
