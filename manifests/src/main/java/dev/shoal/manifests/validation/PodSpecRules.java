package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.ContainerPort;
import dev.shoal.manifests.model.PodDNSConfig;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.Volume;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A pod spec, alone or inside a template: containers, volumes, policies, placement and DNS. */
final class PodSpecRules {
  static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
  private static final List<String> DNS_POLICIES =
      List.of("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None");
  private static final int MAX_NAMESERVERS = 3;
  private static final int MAX_SEARCHES = 32;

  private PodSpecRules() {}

  /** {@code at} is {@code spec} for a pod, {@code spec.template.spec} for a template. */
  static void validate(List<FieldError> errors, PodSpec spec, String at) {
    if (spec == null) {
      errors.add(FieldError.required(at, "must be specified"));
      return;
    }
    Set<String> containerNames = new HashSet<>();
    spec.allContainers().forEach(c -> containerNames.add(c.name()));
    Set<String> volumes = volumes(errors, spec.volumes(), at + ".volumes", containerNames);
    if (spec.containers() == null || spec.containers().isEmpty()) {
      errors.add(FieldError.required(at + ".containers", "must specify at least one container"));
    }
    Set<String> names = new HashSet<>();
    Map<String, String> hostPorts = new HashMap<>();
    containers(
        errors, spec.initContainers(), at + ".initContainers", volumes, names, hostPorts, true);
    containers(errors, spec.containers(), at + ".containers", volumes, names, hostPorts, false);
    Checks.oneOf(errors, at + ".restartPolicy", spec.restartPolicy(), RESTART_POLICIES);
    Checks.oneOf(errors, at + ".dnsPolicy", spec.dnsPolicy(), DNS_POLICIES);
    dnsConfig(errors, spec, at);
    Checks.nonNegative(
        errors, at + ".terminationGracePeriodSeconds", spec.terminationGracePeriodSeconds());
    Checks.labels(errors, at + ".nodeSelector", spec.nodeSelector());
    Checks.name(errors, at + ".nodeName", spec.nodeName(), Names::dns1123Subdomain);
    Checks.name(errors, at + ".hostname", spec.hostname(), Names::dns1123Label);
    Checks.name(errors, at + ".subdomain", spec.subdomain(), Names::dns1123Label);
    SchedulingRules.tolerations(errors, spec.tolerations(), at + ".tolerations");
    SchedulingRules.requiredNodeAffinity(
        errors,
        spec.requiredNodeAffinity(),
        at + ".affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution");
  }

  private static void containers(
      List<FieldError> errors,
      List<Container> containers,
      String at,
      Set<String> volumes,
      Set<String> names,
      Map<String, String> hostPorts,
      boolean init) {
    for (int i = 0; containers != null && i < containers.size(); i++) {
      Container c = containers.get(i);
      String ca = Checks.index(at, i);
      ContainerRules.validate(errors, c, ca, volumes, init);
      if (Checks.present(c.name()) && !names.add(c.name())) {
        errors.add(FieldError.duplicate(ca + ".name", "\"" + c.name() + "\""));
      }
      List<ContainerPort> ports = c.portsOrEmpty();
      for (int j = 0; j < ports.size(); j++) {
        ContainerPort p = ports.get(j);
        if (p.hostPort() != null && p.hostPort() != 0) {
          String key = p.hostPort() + "/" + (p.protocol() == null ? "TCP" : p.protocol());
          String path = Checks.index(ca + ".ports", j) + ".hostPort";
          if (hostPorts.putIfAbsent(key, path) != null) {
            errors.add(FieldError.duplicate(path, "\"" + key + "\""));
          }
        }
      }
    }
  }

  private static Set<String> volumes(
      List<FieldError> errors, List<Volume> volumes, String at, Set<String> containers) {
    Set<String> names = new HashSet<>();
    for (int i = 0; volumes != null && i < volumes.size(); i++) {
      Volume v = volumes.get(i);
      String va = Checks.index(at, i);
      Checks.required(errors, va + ".name", v.name());
      Checks.name(errors, va + ".name", v.name(), Names::dns1123Label);
      if (Checks.present(v.name()) && !names.add(v.name())) {
        errors.add(FieldError.duplicate(va + ".name", "\"" + v.name() + "\""));
      }
      int sources =
          (v.emptyDir() != null ? 1 : 0)
              + (v.hostPath() != null ? 1 : 0)
              + (v.secret() != null ? 1 : 0)
              + (v.configMap() != null ? 1 : 0)
              + (v.projected() != null ? 1 : 0)
              + (v.downwardAPI() != null ? 1 : 0)
              + (v.persistentVolumeClaim() != null ? 1 : 0);
      if (sources == 0) {
        errors.add(
            FieldError.required(
                va,
                "must specify a volume type: Shoal supports emptyDir, hostPath, secret, configMap,"
                    + " projected, downwardAPI and persistentVolumeClaim"));
      } else if (sources > 1) {
        errors.add(
            FieldError.forbidden(
                va + "." + lastType(v), "may not specify more than 1 volume type"));
      }
      if (v.persistentVolumeClaim() != null) {
        Checks.required(
            errors, va + ".persistentVolumeClaim.claimName", v.persistentVolumeClaim().claimName());
      }
      if (v.secret() != null) {
        SecretRefRules.volume(errors, v.secret(), va);
      }
      if (v.configMap() != null) {
        FileVolumeRules.configMap(errors, v.configMap(), va);
      }
      if (v.projected() != null) {
        FileVolumeRules.projected(errors, v.projected(), va, containers);
      }
      if (v.downwardAPI() != null) {
        FileVolumeRules.downwardAPI(
            errors, v.downwardAPI().items(), v.downwardAPI().defaultMode(), va, containers);
      }
      if (v.emptyDir() != null) {
        Checks.oneOf(
            errors, va + ".emptyDir.medium", emptyToNull(v.emptyDir().medium()), List.of("Memory"));
        if (v.emptyDir().sizeLimit() != null) {
          Checks.quantity(errors, va + ".emptyDir.sizeLimit", v.emptyDir().sizeLimit());
        }
      }
      if (v.hostPath() != null) {
        if (!Checks.present(v.hostPath().path())) {
          errors.add(FieldError.required(va + ".hostPath.path", "must be specified"));
        } else if (!v.hostPath().path().startsWith("/")) {
          errors.add(
              FieldError.invalid(
                  va + ".hostPath.path",
                  "\"" + v.hostPath().path() + "\": must be an absolute path"));
        }
        Checks.oneOf(
            errors,
            va + ".hostPath.type",
            emptyToNull(v.hostPath().type()),
            List.of(
                "DirectoryOrCreate",
                "Directory",
                "FileOrCreate",
                "File",
                "Socket",
                "CharDevice",
                "BlockDevice"));
      }
    }
    return names;
  }

  /** The last of a volume's types in field order: the one a second type is reported at. */
  private static String lastType(Volume v) {
    return v.persistentVolumeClaim() != null
        ? "persistentVolumeClaim"
        : v.downwardAPI() != null
            ? "downwardAPI"
            : v.projected() != null
                ? "projected"
                : v.configMap() != null ? "configMap" : v.secret() != null ? "secret" : "hostPath";
  }

  private static void dnsConfig(List<FieldError> errors, PodSpec spec, String at) {
    PodDNSConfig dns = spec.dnsConfig();
    if ("None".equals(spec.dnsPolicy())
        && (dns == null || dns.nameservers() == null || dns.nameservers().isEmpty())) {
      errors.add(
          FieldError.required(
              at + ".dnsConfig.nameservers",
              "must provide at least one DNS nameserver when dnsPolicy is None"));
    }
    if (dns == null) {
      return;
    }
    List<String> servers = dns.nameservers() == null ? List.of() : dns.nameservers();
    if (servers.size() > MAX_NAMESERVERS) {
      errors.add(
          FieldError.invalid(
              at + ".dnsConfig.nameservers",
              "must not have more than " + MAX_NAMESERVERS + " nameservers"));
    }
    for (int i = 0; i < servers.size(); i++) {
      Checks.ip(errors, Checks.index(at + ".dnsConfig.nameservers", i), servers.get(i));
    }
    List<String> searches = dns.searches() == null ? List.of() : dns.searches();
    if (searches.size() > MAX_SEARCHES) {
      errors.add(
          FieldError.invalid(
              at + ".dnsConfig.searches",
              "must not have more than " + MAX_SEARCHES + " search paths"));
    }
    for (int i = 0; i < searches.size(); i++) {
      String s =
          searches.get(i).endsWith(".")
              ? searches.get(i).substring(0, searches.get(i).length() - 1)
              : searches.get(i);
      Checks.name(errors, Checks.index(at + ".dnsConfig.searches", i), s, Names::dns1123Subdomain);
    }
    for (int i = 0; dns.options() != null && i < dns.options().size(); i++) {
      Checks.required(
          errors,
          Checks.index(at + ".dnsConfig.options", i) + ".name",
          dns.options().get(i).name());
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
