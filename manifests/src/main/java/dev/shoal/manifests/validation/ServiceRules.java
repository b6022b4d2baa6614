package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.EndpointAddress;
import dev.shoal.manifests.model.EndpointPort;
import dev.shoal.manifests.model.EndpointSubset;
import dev.shoal.manifests.model.ServicePort;
import dev.shoal.manifests.model.ServiceSpec;
import dev.shoal.manifests.model.SessionAffinityConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Services (types Shoal implements, ports, cluster IP) and endpoints. */
final class ServiceRules {
  /** Shoal has no cloud load balancer and answers no CNAMEs for ExternalName. */
  static final List<String> TYPES = List.of("ClusterIP", "NodePort");

  private ServiceRules() {}

  static List<FieldError> service(ServiceSpec spec) {
    List<FieldError> errors = new ArrayList<>();
    if (spec == null) {
      errors.add(FieldError.required("spec", "must be specified"));
      return errors;
    }
    Checks.oneOf(errors, "spec.type", spec.type(), TYPES);
    Checks.oneOf(
        errors, "spec.sessionAffinity", spec.sessionAffinity(), List.of("None", "ClientIP"));
    Checks.oneOf(
        errors,
        "spec.externalTrafficPolicy",
        spec.externalTrafficPolicy(),
        List.of("Cluster", "Local"));
    affinityTimeout(errors, spec);
    Checks.labels(errors, "spec.selector", spec.selector());
    clusterIP(errors, spec);
    List<ServicePort> ports = spec.portsOrEmpty();
    if (ports.isEmpty() && !spec.isHeadless()) {
      errors.add(FieldError.required("spec.ports", "must specify at least one port"));
    }
    Set<String> names = new HashSet<>();
    Set<String> portKeys = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      ServicePort p = ports.get(i);
      String at = Checks.index("spec.ports", i);
      if (ports.size() > 1 && !Checks.present(p.name())) {
        errors.add(
            FieldError.required(
                at + ".name", "must be specified when there is more than one port"));
      }
      Checks.name(errors, at + ".name", p.name(), Names::dns1123Label);
      if (Checks.present(p.name()) && !names.add(p.name())) {
        errors.add(FieldError.duplicate(at + ".name", "\"" + p.name() + "\""));
      }
      if (p.port() == null || p.port() == 0) {
        errors.add(FieldError.required(at + ".port", "must be specified"));
      } else {
        Checks.port(errors, at + ".port", p.port());
      }
      Checks.oneOf(errors, at + ".protocol", p.protocol(), ContainerRules.PROTOCOLS);
      Checks.portNumberOrName(errors, at + ".targetPort", p.targetPort());
      String key = p.port() + "/" + (p.protocol() == null ? "TCP" : p.protocol());
      if (p.port() != null && !portKeys.add(key)) {
        errors.add(FieldError.duplicate(at, "\"" + key + "\""));
      }
      if (p.nodePort() != null && p.nodePort() != 0) {
        if (!"NodePort".equals(spec.type())) {
          errors.add(
              FieldError.forbidden(
                  at + ".nodePort",
                  "may not be used when `type` is '" + spec.typeOrDefault() + "'"));
        } else {
          Checks.port(errors, at + ".nodePort", p.nodePort());
        }
      }
    }
    return errors;
  }

  private static void affinityTimeout(List<FieldError> errors, ServiceSpec spec) {
    if (spec.sessionAffinityConfig() == null || spec.sessionAffinityConfig().clientIP() == null) {
      return;
    }
    Integer t = spec.sessionAffinityConfig().clientIP().timeoutSeconds();
    String at = "spec.sessionAffinityConfig.clientIP.timeoutSeconds";
    if (!"ClientIP".equals(spec.sessionAffinity())) {
      errors.add(
          FieldError.forbidden(
              "spec.sessionAffinityConfig",
              "must not be set when `sessionAffinity` is "
                  + (spec.sessionAffinity() == null ? "None" : spec.sessionAffinity())));
    } else if (t != null && (t <= 0 || t > SessionAffinityConfig.MAX_TIMEOUT_SECONDS)) {
      errors.add(
          FieldError.invalid(
              at,
              t
                  + ": must be greater than 0 and less than "
                  + SessionAffinityConfig.MAX_TIMEOUT_SECONDS));
    }
  }

  private static void clusterIP(List<FieldError> errors, ServiceSpec spec) {
    String ip = spec.clusterIP();
    if (Checks.present(ip) && !spec.isHeadless()) {
      Checks.ip(errors, "spec.clusterIP", ip);
    }
    if (spec.isHeadless() && "NodePort".equals(spec.type())) {
      errors.add(
          FieldError.invalid(
              "spec.clusterIP", "\"None\": may not be set to 'None' for NodePort services"));
    }
    List<String> ips = spec.clusterIPs();
    if (ips != null && !ips.isEmpty() && Checks.present(ip) && !ips.get(0).equals(ip)) {
      errors.add(
          FieldError.invalid(
              "spec.clusterIPs[0]", "\"" + ips.get(0) + "\": must match `clusterIP` if specified"));
    }
    for (int i = 1; ips != null && i < ips.size(); i++) {
      Checks.ip(errors, Checks.index("spec.clusterIPs", i), ips.get(i));
    }
  }

  static List<FieldError> endpoints(List<EndpointSubset> subsets) {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; subsets != null && i < subsets.size(); i++) {
      EndpointSubset s = subsets.get(i);
      String at = Checks.index("subsets", i);
      addresses(errors, s.addresses(), at + ".addresses");
      addresses(errors, s.notReadyAddresses(), at + ".notReadyAddresses");
      List<EndpointPort> ports = s.ports() == null ? List.of() : s.ports();
      for (int j = 0; j < ports.size(); j++) {
        EndpointPort p = ports.get(j);
        String pa = Checks.index(at + ".ports", j);
        Checks.required(errors, pa + ".port", p.port());
        Checks.port(errors, pa + ".port", p.port());
        Checks.oneOf(errors, pa + ".protocol", p.protocol(), ContainerRules.PROTOCOLS);
        Checks.name(errors, pa + ".name", p.name(), Names::dns1123Label);
      }
    }
    return errors;
  }

  private static void addresses(
      List<FieldError> errors, List<EndpointAddress> addresses, String at) {
    for (int k = 0; addresses != null && k < addresses.size(); k++) {
      EndpointAddress a = addresses.get(k);
      Checks.required(errors, Checks.index(at, k) + ".ip", a.ip());
      Checks.ip(errors, Checks.index(at, k) + ".ip", a.ip());
      Checks.name(errors, Checks.index(at, k) + ".hostname", a.hostname(), Names::dns1123Label);
    }
  }
}
