package dev.shoal.agent.worker;

import dev.shoal.dns.resolvconf.PodDnsConfig;
import dev.shoal.dns.resolvconf.PodResolvConf;
import dev.shoal.dns.resolvconf.ResolvConf;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodDNSConfig;
import java.util.List;

/**
 * A pod's resolver settings for its sandbox, computed by the DNS module's {@link PodResolvConf}
 * (kubelet's rules: ClusterFirst searches {@code <ns>.svc.<zone> svc.<zone> <zone>} with {@code
 * ndots:5} through the cluster DNS; Default is the node's; None is only {@code dnsConfig}). Empty
 * lists leave the engine's own resolv.conf, which is what a Default pod without dnsConfig gets (the
 * engine also drops the node's loopback resolvers, which would not answer inside a pod). With no
 * cluster DNS configured, ClusterFirst falls back to Default, as kubelet does.
 */
record PodDns(List<String> servers, List<String> searches, List<String> options) {
  static final PodDns ENGINE_DEFAULT = new PodDns(List.of(), List.of(), List.of());

  static PodDns of(Pod pod, String clusterDns, String zone, String hostResolvConf) {
    String policy =
        pod.spec().dnsPolicy() == null || pod.spec().dnsPolicy().isEmpty()
            ? "ClusterFirst"
            : pod.spec().dnsPolicy();
    boolean clusterFirst = policy.startsWith("ClusterFirst");
    if (clusterFirst && (clusterDns == null || clusterDns.isBlank())) {
      policy = "Default";
    }
    PodDNSConfig extra = pod.spec().dnsConfig();
    if ("Default".equals(policy) && extra == null) {
      return ENGINE_DEFAULT;
    }
    String namespace = pod.metadata().namespace() == null ? "default" : pod.metadata().namespace();
    try {
      String text =
          PodResolvConf.render(
              policy,
              Boolean.TRUE.equals(pod.spec().hostNetwork()),
              namespace,
              zone,
              clusterDns,
              hostResolvConf,
              extra == null
                  ? null
                  : new PodDnsConfig(
                      extra.nameservers(),
                      extra.searches(),
                      extra.options() == null
                          ? null
                          : extra.options().stream()
                              .map(o -> o.value() == null ? o.name() : o.name() + ":" + o.value())
                              .toList()));
      ResolvConf rc = ResolvConf.parse(text);
      return new PodDns(rc.nameservers(), rc.searches(), rc.options());
    } catch (IllegalArgumentException unknownPolicy) {
      return ENGINE_DEFAULT;
    }
  }
}
