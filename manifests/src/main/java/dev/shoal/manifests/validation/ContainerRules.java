package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.ContainerPort;
import dev.shoal.manifests.model.EnvVar;
import dev.shoal.manifests.model.Probe;
import dev.shoal.manifests.model.Quantity;
import dev.shoal.manifests.model.ResourceRequirements;
import dev.shoal.manifests.model.VolumeMount;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** One container: name, image, ports, environment, resources, volume mounts and probes. */
final class ContainerRules {
  static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
  static final List<String> PROTOCOLS = List.of("TCP", "UDP");
  private static final List<String> SCHEMES = List.of("HTTP", "HTTPS");
  private static final List<String> STANDARD_RESOURCES =
      List.of("cpu", "memory", "ephemeral-storage");

  private ContainerRules() {}

  /** {@code volumes} are the names the pod declares; mounts must refer to one of them. */
  static void validate(
      List<FieldError> errors, Container c, String at, Set<String> volumes, boolean init) {
    Checks.required(errors, at + ".name", c.name());
    Checks.name(errors, at + ".name", c.name(), Names::dns1123Label);
    Checks.required(errors, at + ".image", c.image());
    if (c.image() != null && !c.image().isEmpty() && !c.image().strip().equals(c.image())) {
      errors.add(
          FieldError.invalid(
              at + ".image",
              "\"" + c.image() + "\": must not have leading or trailing whitespace"));
    }
    Checks.oneOf(errors, at + ".imagePullPolicy", c.imagePullPolicy(), PULL_POLICIES);
    ports(errors, c.ports(), at + ".ports");
    env(errors, c.env(), at + ".env");
    EnvSourceRules.envFrom(errors, c.envFrom(), at + ".envFrom");
    SecretRefRules.securityContext(errors, c.securityContext(), at);
    resources(errors, c.resources(), at + ".resources");
    mounts(errors, c.volumeMounts(), at + ".volumeMounts", volumes);
    if (init && (c.readinessProbe() != null || c.livenessProbe() != null)) {
      errors.add(
          FieldError.forbidden(
              at + (c.readinessProbe() != null ? ".readinessProbe" : ".livenessProbe"),
              "may not be set for init containers"));
    }
    probe(errors, c.readinessProbe(), at + ".readinessProbe");
    probe(errors, c.livenessProbe(), at + ".livenessProbe");
    if (c.livenessProbe() != null
        && c.livenessProbe().successThreshold() != null
        && c.livenessProbe().successThreshold() != 1) {
      errors.add(
          FieldError.invalid(
              at + ".livenessProbe.successThreshold",
              c.livenessProbe().successThreshold() + ": must be 1"));
    }
  }

  private static void ports(List<FieldError> errors, List<ContainerPort> ports, String at) {
    Set<String> names = new HashSet<>();
    for (int i = 0; ports != null && i < ports.size(); i++) {
      ContainerPort p = ports.get(i);
      String pa = Checks.index(at, i);
      if (p.name() != null) {
        Checks.name(errors, pa + ".name", p.name(), Names::ianaSvcName);
        if (!names.add(p.name())) {
          errors.add(FieldError.duplicate(pa + ".name", "\"" + p.name() + "\""));
        }
      }
      if (p.containerPort() == null || p.containerPort() == 0) {
        errors.add(FieldError.required(pa + ".containerPort", "must be specified"));
      } else {
        Checks.port(errors, pa + ".containerPort", p.containerPort());
      }
      if (p.hostPort() != null && p.hostPort() != 0) {
        Checks.port(errors, pa + ".hostPort", p.hostPort());
      }
      Checks.oneOf(errors, pa + ".protocol", p.protocol(), PROTOCOLS);
    }
  }

  private static void env(List<FieldError> errors, List<EnvVar> env, String at) {
    for (int i = 0; env != null && i < env.size(); i++) {
      EnvVar e = env.get(i);
      Checks.required(errors, Checks.index(at, i) + ".name", e.name());
      Checks.name(errors, Checks.index(at, i) + ".name", e.name(), Names::envVarName);
      EnvSourceRules.envVar(errors, e, Checks.index(at, i));
    }
  }

  private static void resources(List<FieldError> errors, ResourceRequirements r, String at) {
    if (r == null) {
      return;
    }
    Map<String, Quantity> limits = quantities(errors, r.limits(), at + ".limits");
    Map<String, Quantity> requests = quantities(errors, r.requests(), at + ".requests");
    requests.forEach(
        (name, request) -> {
          Quantity limit = limits.get(name);
          if (limit != null && request.amount().compareTo(limit.amount()) > 0) {
            errors.add(
                FieldError.invalid(
                    at + ".requests[" + name + "]",
                    "\""
                        + request
                        + "\": must be less than or equal to "
                        + name
                        + " limit of "
                        + limit));
          }
        });
  }

  private static Map<String, Quantity> quantities(
      List<FieldError> errors, Map<String, String> values, String at) {
    Map<String, Quantity> parsed = new TreeMap<>();
    if (values == null) {
      return parsed;
    }
    new TreeMap<>(values)
        .forEach(
            (name, text) -> {
              String path = at + "[" + name + "]";
              if (!STANDARD_RESOURCES.contains(name) && !name.contains("/")) {
                errors.add(
                    FieldError.invalid(
                        path,
                        "\""
                            + name
                            + "\": must be a standard resource type (cpu, memory, "
                            + "ephemeral-storage) or fully qualified"));
              }
              Checks.name(errors, path, name.contains("/") ? name : null, Names::qualifiedName);
              Quantity q = Checks.quantity(errors, path, text);
              if (q != null) {
                parsed.put(name, q);
              }
            });
    return parsed;
  }

  private static void mounts(
      List<FieldError> errors, List<VolumeMount> mounts, String at, Set<String> volumes) {
    Set<String> paths = new HashSet<>();
    for (int i = 0; mounts != null && i < mounts.size(); i++) {
      VolumeMount m = mounts.get(i);
      String ma = Checks.index(at, i);
      if (!Checks.present(m.name())) {
        errors.add(FieldError.required(ma + ".name", "must be specified"));
      } else if (!volumes.contains(m.name())) {
        errors.add(
            FieldError.notFound(
                ma + ".name", "\"" + m.name() + "\": no volume of that name in spec.volumes"));
      }
      if (!Checks.present(m.mountPath())) {
        errors.add(FieldError.required(ma + ".mountPath", "must be specified"));
      } else if (!m.mountPath().startsWith("/")) {
        errors.add(
            FieldError.invalid(
                ma + ".mountPath", "\"" + m.mountPath() + "\": must be an absolute path"));
      } else if (!paths.add(m.mountPath())) {
        errors.add(
            FieldError.invalid(ma + ".mountPath", "\"" + m.mountPath() + "\": must be unique"));
      }
    }
  }

  private static void probe(List<FieldError> errors, Probe p, String at) {
    if (p == null) {
      return;
    }
    int handlers =
        (p.exec() != null ? 1 : 0)
            + (p.tcpSocket() != null ? 1 : 0)
            + (p.httpGet() != null ? 1 : 0);
    if (handlers == 0) {
      errors.add(
          FieldError.required(at, "must specify a handler type (exec, tcpSocket or httpGet)"));
    } else if (handlers > 1) {
      errors.add(FieldError.forbidden(at, "may not specify more than 1 handler type"));
    }
    if (p.exec() != null) {
      Checks.required(errors, at + ".exec.command", p.exec().command());
    }
    if (p.tcpSocket() != null) {
      requiredPort(errors, at + ".tcpSocket.port", p.tcpSocket().port());
    }
    if (p.httpGet() != null) {
      requiredPort(errors, at + ".httpGet.port", p.httpGet().port());
      Checks.oneOf(errors, at + ".httpGet.scheme", p.httpGet().scheme(), SCHEMES);
    }
    Checks.nonNegative(errors, at + ".initialDelaySeconds", p.initialDelaySeconds());
    Checks.atLeast(errors, at + ".periodSeconds", p.periodSeconds(), 1);
    Checks.atLeast(errors, at + ".timeoutSeconds", p.timeoutSeconds(), 1);
    Checks.atLeast(errors, at + ".successThreshold", p.successThreshold(), 1);
    Checks.atLeast(errors, at + ".failureThreshold", p.failureThreshold(), 1);
  }

  private static void requiredPort(
      List<FieldError> errors, String at, dev.shoal.manifests.model.IntOrString port) {
    if (port == null) {
      errors.add(FieldError.required(at, "must be specified"));
    } else {
      Checks.portNumberOrName(errors, at, port);
    }
  }
}
