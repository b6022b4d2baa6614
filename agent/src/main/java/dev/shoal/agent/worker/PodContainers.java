package dev.shoal.agent.worker;

import dev.shoal.agent.runtime.ContainerSecurity;
import dev.shoal.agent.runtime.ContainerSpec;
import dev.shoal.agent.runtime.PortMapping;
import dev.shoal.agent.runtime.SandboxSpec;
import dev.shoal.agent.runtime.ShoalLabels;
import dev.shoal.manifests.model.Capabilities;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.ContainerPort;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Quantity;
import dev.shoal.manifests.model.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a pod's spec into runtime specs: engine names, the labels that let a restarted agent adopt
 * containers, Kubernetes command/args semantics, limits and volume binds.
 */
final class PodContainers {
  static final String KIND_SANDBOX = "sandbox";
  static final String KIND_INIT = "init";
  static final String KIND_APP = "app";

  private final String nodeName;
  private final String network;
  private final PodVolumes volumes;
  private final String clusterDns;
  private final String clusterDomain;
  private final NodeCapacity node;
  private volatile String hostResolvConf = "";

  /**
   * Service-link variables per namespace (kubelet's service env), put before each container's own
   * env.
   */
  private volatile java.util.function.Function<String, Map<String, String>> serviceEnv =
      ns -> Map.of();

  PodContainers(String nodeName, WorkerConfig config, PodVolumes volumes) {
    this.nodeName = nodeName;
    this.network = config.network();
    this.clusterDns = config.clusterDns();
    this.clusterDomain = config.clusterDomain();
    this.volumes = volumes;
    this.node = NodeCapacity.detect(config.dataDir());
  }

  /** What a container without limits gets as its downward API limits. */
  NodeCapacity node() {
    return node;
  }

  SandboxSpec sandbox(Pod pod, String image, int attempt) {
    Map<String, String> labels = podLabels(pod);
    labels.put(ShoalLabels.CONTAINER, ShoalLabels.SANDBOX);
    labels.put(ShoalLabels.CONTAINER_KIND, KIND_SANDBOX);
    labels.put(ShoalLabels.RESTART_COUNT, Integer.toString(attempt));
    String host = pod.spec().hostname() != null ? pod.spec().hostname() : pod.metadata().name();
    PodDns dns = PodDns.of(pod, clusterDns, clusterDomain, hostResolvConf);
    List<PortMapping> ports = new ArrayList<>();
    for (Container c : pod.spec().allContainers()) {
      for (ContainerPort p : c.portsOrEmpty()) {
        if (p.hostPort() != null && p.hostPort() > 0 && p.containerPort() != null) {
          ports.add(new PortMapping(null, p.hostPort(), p.containerPort(), p.protocol()));
        }
      }
    }
    return new SandboxSpec(
        engineName(pod, ShoalLabels.SANDBOX, attempt),
        image,
        network,
        host.length() > 63 ? host.substring(0, 63) : host,
        dns.servers(),
        dns.searches(),
        dns.options(),
        ports,
        labels);
  }

  void serviceEnv(java.util.function.Function<String, Map<String, String>> source) {
    serviceEnv = source == null ? ns -> Map.of() : source;
  }

  /**
   * The node's resolv.conf text, the base of Default pods and the tail of ClusterFirst search
   * paths.
   */
  void hostResolvConf(String text) {
    hostResolvConf = text == null ? "" : text;
  }

  ContainerSpec container(Pod pod, Container c, boolean init, String sandboxId, int restartCount) {
    Map<String, String> labels = podLabels(pod);
    labels.put(ShoalLabels.CONTAINER, c.name());
    labels.put(ShoalLabels.CONTAINER_KIND, init ? KIND_INIT : KIND_APP);
    labels.put(ShoalLabels.CONTAINER_HASH, hash(c));
    labels.put(ShoalLabels.RESTART_COUNT, Integer.toString(restartCount));
    labels.put(ShoalLabels.SANDBOX_ID, sandboxId);
    labels.put(ShoalLabels.GRACE_SECONDS, Long.toString(graceSeconds(pod)));
    Map<String, String> env =
        ContainerEnv.build(
            serviceEnv.apply(pod.metadata().namespace()), pod, c, ConfigSources.NONE, node);
    Map<String, String> limits =
        c.resources() == null || c.resources().limits() == null ? Map.of() : c.resources().limits();
    Long nanoCpus =
        limits.containsKey("cpu") ? quantity(limits.get("cpu")).milliValue() * 1_000_000L : null;
    Long memory = limits.containsKey("memory") ? quantity(limits.get("memory")).value() : null;
    return new ContainerSpec(
        engineName(pod, c.name(), restartCount),
        sandboxId,
        c.image(),
        expand(c.command(), env),
        expand(c.args(), env),
        env,
        c.workingDir(),
        nanoCpus,
        memory,
        volumes.binds(pod, c),
        labels,
        security(c.securityContext()));
  }

  /**
   * {@code planned} with the environment (and so command and args) that the container's secrets,
   * config maps and downward API give; {@code pod} has the status the container starts with.
   */
  ContainerSpec withSources(Pod pod, Container c, ContainerSpec planned, ConfigSources sources) {
    Map<String, String> env =
        ContainerEnv.build(serviceEnv.apply(pod.metadata().namespace()), pod, c, sources, node);
    return planned.withEnv(env, expand(c.command(), env), expand(c.args(), env));
  }

  private static ContainerSecurity security(SecurityContext sc) {
    if (sc == null) {
      return ContainerSecurity.DEFAULT;
    }
    Capabilities caps = sc.capabilities();
    return new ContainerSecurity(
        Boolean.TRUE.equals(sc.privileged()),
        caps == null ? null : caps.addOrEmpty(),
        caps == null ? null : caps.dropOrEmpty(),
        sc.runAsUser() == null ? null : sc.runAsUser().toString(),
        Boolean.TRUE.equals(sc.readOnlyRootFilesystem()));
  }

  private static Quantity quantity(String text) {
    var parsed = Quantity.parse(text);
    if (!parsed.isOk()) {
      throw new IllegalArgumentException("bad quantity '" + text + "': " + parsed.error());
    }
    return parsed.value();
  }

  /**
   * Null for an absent or empty list (keep the image's), else the list with $(VAR) references
   * expanded.
   */
  private static List<String> expand(List<String> l, Map<String, String> env) {
    return l == null || l.isEmpty()
        ? null
        : l.stream().map(x -> EnvExpansion.expand(x, env)).toList();
  }

  private Map<String, String> podLabels(Pod pod) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ShoalLabels.NODE, nodeName);
    labels.put(ShoalLabels.POD_UID, pod.metadata().uid());
    labels.put(ShoalLabels.POD_NAMESPACE, pod.metadata().namespace());
    labels.put(ShoalLabels.POD_NAME, pod.metadata().name());
    return labels;
  }

  /**
   * {@code shoal_<container>_<pod>_<namespace>_<uid>_<attempt>}, unique per engine like kubelet's
   * {@code k8s_} names.
   */
  static String engineName(Pod pod, String container, int attempt) {
    return "shoal_"
        + container
        + "_"
        + pod.metadata().name()
        + "_"
        + pod.metadata().namespace()
        + "_"
        + pod.metadata().uid()
        + "_"
        + attempt;
  }

  static long graceSeconds(Pod pod) {
    Long g = pod.spec().terminationGracePeriodSeconds();
    return g == null ? 30 : Math.max(0, g);
  }

  /** A digest of what makes a container what it is (probes excluded): a change means replace it. */
  static String hash(Container c) {
    List<String> parts =
        new ArrayList<>(
            List.of(
                String.valueOf(c.image()),
                String.valueOf(c.command()),
                String.valueOf(c.args()),
                String.valueOf(c.workingDir()),
                String.valueOf(c.env()),
                String.valueOf(c.resources()),
                String.valueOf(c.volumeMounts()),
                String.valueOf(c.ports())));
    // Only when set, so containers made before these fields existed keep their hash (and keep
    // running).
    if (c.envFrom() != null) {
      parts.add("envFrom=" + c.envFrom());
    }
    if (c.securityContext() != null) {
      parts.add("securityContext=" + c.securityContext());
    }
    String text = String.valueOf(parts);
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
