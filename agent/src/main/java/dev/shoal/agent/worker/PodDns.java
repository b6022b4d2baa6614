package dev.shoal.agent.worker;

import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodDNSConfig;
import dev.shoal.manifests.model.PodDNSConfigOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod's resolv.conf, as kubelet writes it: dnsPolicy ClusterFirst (the default) points at the cluster DNS
 * and searches {@code <ns>.svc.<zone> svc.<zone> <zone>} with {@code ndots:5}; Default keeps the node's
 * settings; None uses only {@code dnsConfig}. {@code dnsConfig} is merged in last. With no cluster DNS
 * configured, ClusterFirst falls back to the node's settings, as kubelet does.
 */
record PodDns(List<String> servers, List<String> searches, List<String> options) {

  static PodDns of(Pod pod, List<String> clusterDns, String zone) {
    String policy = pod.spec().dnsPolicy() == null ? "ClusterFirst" : pod.spec().dnsPolicy();
    List<String> servers = new ArrayList<>();
    List<String> searches = new ArrayList<>();
    Map<String, String> options = new LinkedHashMap<>();
    if (("ClusterFirst".equals(policy) || "ClusterFirstWithHostNet".equals(policy)) && !clusterDns.isEmpty()) {
      servers.addAll(clusterDns);
      String ns = pod.metadata().namespace() == null ? "default" : pod.metadata().namespace();
      searches.addAll(List.of(ns + ".svc." + zone, "svc." + zone, zone));
      options.put("ndots", "5");
    }
    PodDNSConfig extra = pod.spec().dnsConfig();
    if (extra != null) {
      addAbsent(servers, extra.nameservers());
      addAbsent(searches, extra.searches());
      if (extra.options() != null) {
        for (PodDNSConfigOption o : extra.options()) {
          options.put(o.name(), o.value());
        }
      }
    }
    List<String> optionList = new ArrayList<>();
    options.forEach((name, value) -> optionList.add(value == null ? name : name + ":" + value));
    return new PodDns(List.copyOf(servers), List.copyOf(searches), List.copyOf(optionList));
  }

  private static void addAbsent(List<String> to, List<String> from) {
    if (from != null) {
      from.stream().filter(x -> !to.contains(x)).forEach(to::add);
    }
  }
}
