package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.IPBlock;
import dev.shoal.manifests.model.NetworkPolicyEgressRule;
import dev.shoal.manifests.model.NetworkPolicyIngressRule;
import dev.shoal.manifests.model.NetworkPolicyPeer;
import dev.shoal.manifests.model.NetworkPolicyPort;
import dev.shoal.manifests.model.NetworkPolicySpec;
import dev.shoal.manifests.selectors.Selector;
import java.util.ArrayList;
import java.util.List;

/** Network policies: selectors, policy types, peers (selectors or an IP block) and port ranges. */
final class NetworkPolicyRules {
  private NetworkPolicyRules() {}

  static List<FieldError> validate(NetworkPolicySpec spec) {
    List<FieldError> errors = new ArrayList<>();
    if (spec == null) {
      errors.add(FieldError.required("spec", "must be specified"));
      return errors;
    }
    if (spec.podSelector() == null) {
      errors.add(
          FieldError.required("spec.podSelector", "must be specified ({} selects every pod)"));
    } else {
      errors.addAll(Selector.check(spec.podSelector(), "spec.podSelector"));
    }
    List<String> types = spec.policyTypes() == null ? List.of() : spec.policyTypes();
    if (types.size() > 2) {
      errors.add(FieldError.invalid("spec.policyTypes", "may not have more than 2 values"));
    }
    for (int i = 0; i < types.size(); i++) {
      Checks.oneOf(
          errors, Checks.index("spec.policyTypes", i), types.get(i), List.of("Ingress", "Egress"));
    }
    List<NetworkPolicyIngressRule> ingress = spec.ingress() == null ? List.of() : spec.ingress();
    for (int i = 0; i < ingress.size(); i++) {
      String at = Checks.index("spec.ingress", i);
      peers(errors, ingress.get(i).from(), at + ".from");
      ports(errors, ingress.get(i).ports(), at + ".ports");
    }
    List<NetworkPolicyEgressRule> egress = spec.egress() == null ? List.of() : spec.egress();
    for (int i = 0; i < egress.size(); i++) {
      String at = Checks.index("spec.egress", i);
      peers(errors, egress.get(i).to(), at + ".to");
      ports(errors, egress.get(i).ports(), at + ".ports");
    }
    return errors;
  }

  private static void peers(List<FieldError> errors, List<NetworkPolicyPeer> peers, String at) {
    for (int i = 0; peers != null && i < peers.size(); i++) {
      NetworkPolicyPeer p = peers.get(i);
      String pa = Checks.index(at, i);
      int selectors = (p.podSelector() != null ? 1 : 0) + (p.namespaceSelector() != null ? 1 : 0);
      if (selectors == 0 && p.ipBlock() == null) {
        errors.add(FieldError.required(pa, "must specify a peer"));
      } else if (selectors > 0 && p.ipBlock() != null) {
        errors.add(FieldError.forbidden(pa, "may not specify both selectors and ipBlock"));
      }
      if (p.podSelector() != null) {
        errors.addAll(Selector.check(p.podSelector(), pa + ".podSelector"));
      }
      if (p.namespaceSelector() != null) {
        errors.addAll(Selector.check(p.namespaceSelector(), pa + ".namespaceSelector"));
      }
      if (p.ipBlock() != null) {
        ipBlock(errors, p.ipBlock(), pa + ".ipBlock");
      }
    }
  }

  private static void ipBlock(List<FieldError> errors, IPBlock block, String at) {
    if (!Checks.present(block.cidr())) {
      errors.add(FieldError.required(at + ".cidr", "must be specified"));
      return;
    }
    Checks.cidr(errors, at + ".cidr", block.cidr());
    List<String> except = block.except() == null ? List.of() : block.except();
    for (int i = 0; i < except.size(); i++) {
      Checks.cidr(errors, Checks.index(at + ".except", i), except.get(i));
    }
  }

  private static void ports(List<FieldError> errors, List<NetworkPolicyPort> ports, String at) {
    for (int i = 0; ports != null && i < ports.size(); i++) {
      NetworkPolicyPort p = ports.get(i);
      String pa = Checks.index(at, i);
      Checks.oneOf(errors, pa + ".protocol", p.protocol(), List.of("TCP", "UDP", "SCTP"));
      Checks.portNumberOrName(errors, pa + ".port", p.port());
      if (p.endPort() != null) {
        if (p.port() == null || !p.port().isInt()) {
          errors.add(
              FieldError.required(
                  pa + ".port", "must be specified as a number when endPort is specified"));
        } else if (p.endPort() < p.port().intValue()) {
          errors.add(
              FieldError.invalid(
                  pa + ".endPort", p.endPort() + ": must be greater than or equal to `port`"));
        }
        Checks.port(errors, pa + ".endPort", p.endPort());
      }
    }
  }
}
