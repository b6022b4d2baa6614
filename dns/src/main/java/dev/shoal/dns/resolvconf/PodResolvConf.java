package dev.shoal.dns.resolvconf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Renders a pod's /etc/resolv.conf the way the kubelet does:
 *
 * <ul>
 *   <li>{@code ClusterFirst} (the default): the node's cluster DNS address, the search path {@code
 *       <ns>.svc.<zone> svc.<zone> <zone>} followed by the host's search domains, {@code ndots:5};
 *       a host-network pod falls back to {@code Default}.
 *   <li>{@code ClusterFirstWithHostNet}: like ClusterFirst, also for host-network pods.
 *   <li>{@code Default}: the host's resolv.conf.
 *   <li>{@code None}: only what dnsConfig says.
 * </ul>
 *
 * dnsConfig is then merged: nameservers and searches appended without duplicates, options
 * overriding by name. Limits as Kubernetes: at most 3 nameservers and 32 search domains.
 */
public final class PodResolvConf {
  static final int MAX_NAMESERVERS = 3;
  static final int MAX_SEARCHES = 32;

  private PodResolvConf() {}

  /**
   * @param dnsPolicy the pod's dnsPolicy (null or empty means ClusterFirst)
   * @param hostNetwork whether the pod uses the host's network
   * @param namespace the pod's namespace
   * @param zone the cluster zone, e.g. cluster.local
   * @param clusterDns the node's cluster DNS address (this responder)
   * @param hostResolvConf the text of the host's resolv.conf
   * @param dnsConfig the pod's dnsConfig, or null
   * @throws IllegalArgumentException for a dnsPolicy other than the four above (manifest validation
   *     refuses those)
   */
  public static String render(
      String dnsPolicy,
      boolean hostNetwork,
      String namespace,
      String zone,
      String clusterDns,
      String hostResolvConf,
      PodDnsConfig dnsConfig) {
    String policy = dnsPolicy == null || dnsPolicy.isEmpty() ? "ClusterFirst" : dnsPolicy;
    if ("ClusterFirst".equals(policy) && hostNetwork) {
      policy = "Default";
    }
    ResolvConf host = ResolvConf.parse(hostResolvConf == null ? "" : hostResolvConf);
    ResolvConf base =
        switch (policy) {
          case "ClusterFirst", "ClusterFirstWithHostNet" -> {
            List<String> searches =
                new ArrayList<>(List.of(namespace + ".svc." + zone, "svc." + zone, zone));
            searches.addAll(host.searches());
            yield new ResolvConf(List.of(clusterDns), searches, List.of("ndots:5"));
          }
          case "Default" -> host;
          case "None" -> new ResolvConf(List.of(), List.of(), List.of());
          default -> throw new IllegalArgumentException("unknown dnsPolicy " + dnsPolicy);
        };
    return merge(base, dnsConfig == null ? PodDnsConfig.NONE : dnsConfig).render();
  }

  static ResolvConf merge(ResolvConf base, PodDnsConfig extra) {
    LinkedHashSet<String> nameservers = new LinkedHashSet<>(base.nameservers());
    nameservers.addAll(extra.nameservers());
    LinkedHashSet<String> searches = new LinkedHashSet<>(base.searches());
    searches.addAll(extra.searches());
    Map<String, String> options = new LinkedHashMap<>();
    for (String o : base.options()) {
      options.put(optionName(o), o);
    }
    for (String o : extra.options()) {
      options.put(optionName(o), o);
    }
    return new ResolvConf(
        first(nameservers, MAX_NAMESERVERS),
        first(searches, MAX_SEARCHES),
        new ArrayList<>(options.values()));
  }

  private static String optionName(String option) {
    int colon = option.indexOf(':');
    return colon < 0 ? option : option.substring(0, colon);
  }

  private static List<String> first(LinkedHashSet<String> values, int max) {
    return new ArrayList<>(values).subList(0, Math.min(max, values.size()));
  }
}
