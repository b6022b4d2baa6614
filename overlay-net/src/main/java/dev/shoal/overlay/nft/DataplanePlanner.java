package dev.shoal.overlay.nft;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pure: the node's {@code inet shoal} table from a {@link DataplaneSpec}. The layout follows
 * kube-proxy's nftables mode, with the endpoints of a service in map elements instead of chains (so
 * that programming 10,000 services is 10,000 small chains and element lists, and an endpoint change
 * is a few elements):
 *
 * <ul>
 *   <li>{@code nat-prerouting} and {@code nat-output} jump to {@code services}: one lookup of
 *       {@code daddr . l4proto . dport} in the verdict map {@code service-ips} (ClusterIPs) and,
 *       for this node's addresses ({@code nodeport-ips}), of {@code l4proto . dport} in {@code
 *       service-nodeports}. A packet costs the same with 10 services or 10,000.
 *   <li>{@code svc-*} (one per service port): marks the connection for masquerading when it does
 *       not come from the pod CIDR (the node itself, the outside), puts the service's own {@code
 *       numgen inc mod N} (strict round-robin per new connection) in the packet mark and goes to
 *       {@code service-dnat}, whose one rule DNATs to {@code service-endpoints[daddr . l4proto .
 *       dport . mark]}. One rule looks the map up, not one per service: the kernel checks every
 *       element of a map against every rule bound to it, so 10,000 services each binding the
 *       100,000-element map took a minute of kernel time to program, against about a second now.
 *   <li>{@code ext-*} (NodePort): Cluster policy marks for masquerading and DNATs through {@code
 *       nodeport-dnat}, {@code nodeport-endpoints[l4proto . nodePort . mark]}; Local sends pod and
 *       node clients there too and outside clients through {@code nodeport-local-endpoints} (this
 *       node's endpoints only), unmasqueraded.
 *   <li>A service with ClientIP affinity keeps kube-proxy's shape: per endpoint an {@code ep-*}
 *       chain that records the client in an {@code affinity-*} set (with the service's timeout) and
 *       DNATs; its service chain sends a remembered client to its endpoint, others round-robin over
 *       the endpoint chains.
 *   <li>{@code nat-postrouting} masquerades connections marked for it (bit {@code 0x4000} of the
 *       conntrack mark, so the packet mark stays free for the round-robin index), hairpin (a DNATed
 *       packet whose source is its destination: {@code endpoint-self}), and pod traffic leaving the
 *       pod CIDR.
 *   <li>{@code filter-input/forward/output} (before the engine's filter rules) send new connections
 *       to a ClusterIP or NodePort without endpoints, and to unknown ports of a ClusterIP, to
 *       {@code reject-chain}: a TCP reset or ICMP port unreachable, never routed out.
 * </ul>
 *
 * Names are stable ({@link ChainNames}), so two plans differ only where the input did.
 */
public final class DataplanePlanner {

  static final String MASQUERADE_MARK = "0x4000";
  static final String HOOK_NAT_PREROUTING =
      "type nat hook prerouting priority -100; policy accept;";
  static final String HOOK_NAT_OUTPUT = "type nat hook output priority -100; policy accept;";
  static final String HOOK_NAT_POSTROUTING =
      "type nat hook postrouting priority 100; policy accept;";
  static final String HOOK_FILTER_INPUT = "type filter hook input priority -10; policy accept;";
  static final String HOOK_FILTER_FORWARD = "type filter hook forward priority -10; policy accept;";
  static final String HOOK_FILTER_OUTPUT = "type filter hook output priority -10; policy accept;";
  /*
   * The key and value types of the endpoint maps: the round-robin index is the packet mark. Plain
   * types, not typeof: a typeof spelling "tcp dport" would make nft add a "meta l4proto tcp"
   * dependency to every rule that looks the map up, and "th dport" in a typeof cannot be read back by
   * nft 1.0.6. The DNAT rules match their protocol first ("transport protocol mapping is only valid
   * after transport protocol match").
   */
  static final String SERVICE_ENDPOINTS_TYPE =
      "type ipv4_addr . inet_proto . inet_service . mark : ipv4_addr . inet_service;";
  static final String NODEPORT_ENDPOINTS_TYPE =
      "type inet_proto . inet_service . mark : ipv4_addr . inet_service;";

  private DataplanePlanner() {}

  public static NftTable plan(DataplaneSpec spec) {
    return plan(spec, null);
  }

  /**
   * The table as {@link #plan(DataplaneSpec)} gives it, but with {@code endpoint-self} holding
   * {@code endpointSelf} instead of the spec's own targets (null: those): for planning part of the
   * table, where an element another service also needs must stay ({@link ServiceRuleSet}).
   */
  static NftTable plan(DataplaneSpec spec, java.util.Set<String> endpointSelfOverride) {
    List<NftChain> chains = new ArrayList<>(fixedChains(spec));
    List<NftSet> dynamicSets = new ArrayList<>();
    List<String> clusterIps = new ArrayList<>();
    Map<String, String> serviceIps = new TreeMap<>();
    Map<String, String> nodePorts = new TreeMap<>();
    Map<String, String> noEndpointServices = new TreeMap<>();
    Map<String, String> noEndpointNodePorts = new TreeMap<>();
    Map<String, String> serviceEndpoints = new TreeMap<>();
    Map<String, String> nodePortEndpoints = new TreeMap<>();
    Map<String, String> nodePortLocalEndpoints = new TreeMap<>();
    TreeSet<String> endpointSelf = new TreeSet<>();
    String reject = "goto " + ChainNames.REJECT;

    for (ServicePortRule s : spec.services()) {
      clusterIps.add(s.clusterIp());
      String clusterKey = s.clusterIp() + " . " + s.protocol().nft() + " . " + s.port();
      String nodePortKey = s.protocol().nft() + " . " + s.nodePort();
      if (s.targets().isEmpty()) {
        noEndpointServices.put(clusterKey, reject);
        if (s.nodePort() > 0) {
          noEndpointNodePorts.put(nodePortKey, reject);
        }
        continue;
      }
      endpointSelf.addAll(endpointSelfKeys(s));
      serviceIps.put(clusterKey, "goto " + ChainNames.service(s));
      boolean affinity = s.affinitySeconds() > 0;
      if (affinity) {
        chains.add(affinityServiceChain(spec, s));
        for (Target t : s.targets()) {
          chains.add(endpointChain(s, t));
          dynamicSets.add(
              NftSet.dynamic(
                  ChainNames.affinity(s, t),
                  "type ipv4_addr; flags dynamic,timeout; timeout " + s.affinitySeconds() + "s;"));
        }
      } else {
        chains.add(serviceChain(spec, s));
        index(serviceEndpoints, clusterKey, s.targets());
      }
      if (s.nodePort() > 0) {
        nodePorts.put(nodePortKey, "goto " + ChainNames.external(s));
        chains.add(externalChain(spec, s));
        if (!affinity) {
          index(nodePortEndpoints, nodePortKey, s.targets());
          index(nodePortLocalEndpoints, nodePortKey, s.localTargets());
        }
        if (s.externalLocal() && s.localTargets().isEmpty()) {
          noEndpointNodePorts.put(nodePortKey, reject);
        }
      }
    }
    List<NftSet> sets =
        new ArrayList<>(
            List.of(
                NftSet.set(ChainNames.CLUSTER_IPS, "ipv4_addr", clusterIps),
                NftSet.set(ChainNames.NODEPORT_IPS, "ipv4_addr", spec.nodeAddresses()),
                NftSet.verdictMap(
                    ChainNames.SERVICE_IPS, "ipv4_addr . inet_proto . inet_service", serviceIps),
                NftSet.verdictMap(
                    ChainNames.SERVICE_NODEPORTS, "inet_proto . inet_service", nodePorts),
                NftSet.verdictMap(
                    ChainNames.NO_ENDPOINT_SERVICES,
                    "ipv4_addr . inet_proto . inet_service",
                    noEndpointServices),
                NftSet.verdictMap(
                    ChainNames.NO_ENDPOINT_NODEPORTS,
                    "inet_proto . inet_service",
                    noEndpointNodePorts),
                new NftSet(
                    "map",
                    ChainNames.SERVICE_ENDPOINTS,
                    SERVICE_ENDPOINTS_TYPE,
                    serviceEndpoints,
                    false),
                new NftSet(
                    "map",
                    ChainNames.NODEPORT_ENDPOINTS,
                    NODEPORT_ENDPOINTS_TYPE,
                    nodePortEndpoints,
                    false),
                new NftSet(
                    "map",
                    ChainNames.NODEPORT_LOCAL_ENDPOINTS,
                    NODEPORT_ENDPOINTS_TYPE,
                    nodePortLocalEndpoints,
                    false),
                NftSet.set(
                    ChainNames.ENDPOINT_SELF,
                    "ipv4_addr . ipv4_addr",
                    endpointSelfOverride == null ? endpointSelf : endpointSelfOverride)));
    sets.addAll(dynamicSets);
    return NftTable.of(sets, chains);
  }

  /** The {@code endpoint-self} elements a service port needs: {@code ip . ip} per target. */
  static List<String> endpointSelfKeys(ServicePortRule s) {
    return s.targets().stream().map(t -> t.ip() + " . " + t.ip()).toList();
  }

  /**
   * {@code key . 0 : ip . port}, {@code key . 1 : ...}: the targets in order, for the packet mark
   * set to {@code numgen inc mod N}.
   */
  private static void index(Map<String, String> map, String key, List<Target> targets) {
    for (int i = 0; i < targets.size(); i++) {
      map.put(key + " . " + i, targets.get(i).ip() + " . " + targets.get(i).port());
    }
  }

  private static List<NftChain> fixedChains(DataplaneSpec spec) {
    List<String> masquerading = new ArrayList<>();
    masquerading.add(
        "ct status dnat ip saddr . ip daddr @" + ChainNames.ENDPOINT_SELF + " masquerade");
    if (spec.nodeSubnet() != null) {
      masquerading.add(
          "ip saddr " + spec.nodeSubnet() + " ip daddr != " + spec.podCidr() + " masquerade");
    }
    masquerading.add("ct mark & " + MASQUERADE_MARK + " == 0 return");
    masquerading.add("masquerade fully-random");
    return List.of(
        NftChain.base(
            "nat-prerouting", HOOK_NAT_PREROUTING, List.of("jump " + ChainNames.SERVICES)),
        NftChain.base("nat-output", HOOK_NAT_OUTPUT, List.of("jump " + ChainNames.SERVICES)),
        NftChain.base(
            "nat-postrouting", HOOK_NAT_POSTROUTING, List.of("jump " + ChainNames.MASQUERADING)),
        NftChain.base(
            "filter-input",
            HOOK_FILTER_INPUT,
            List.of("ct state new jump " + ChainNames.ENDPOINTS_CHECK)),
        NftChain.base(
            "filter-forward",
            HOOK_FILTER_FORWARD,
            List.of("ct state new jump " + ChainNames.ENDPOINTS_CHECK)),
        NftChain.base(
            "filter-output",
            HOOK_FILTER_OUTPUT,
            List.of("ct state new jump " + ChainNames.ENDPOINTS_CHECK)),
        NftChain.regular(
            ChainNames.SERVICES,
            List.of(
                "ip daddr . meta l4proto . th dport vmap @" + ChainNames.SERVICE_IPS,
                "ip daddr @"
                    + ChainNames.NODEPORT_IPS
                    + " meta l4proto . th dport vmap @"
                    + ChainNames.SERVICE_NODEPORTS)),
        NftChain.regular(
            ChainNames.ENDPOINTS_CHECK,
            List.of(
                "ip daddr . meta l4proto . th dport vmap @" + ChainNames.NO_ENDPOINT_SERVICES,
                "ip daddr @"
                    + ChainNames.NODEPORT_IPS
                    + " meta l4proto . th dport vmap @"
                    + ChainNames.NO_ENDPOINT_NODEPORTS,
                "ip daddr @" + ChainNames.CLUSTER_IPS + " goto " + ChainNames.REJECT)),
        NftChain.regular(
            ChainNames.REJECT, List.of("meta l4proto tcp reject with tcp reset", "reject")),
        NftChain.regular(
            ChainNames.MARK_FOR_MASQUERADE, List.of("ct mark set ct mark | " + MASQUERADE_MARK)),
        NftChain.regular(
            ChainNames.SERVICE_DNAT,
            dnatByProtocol("ip daddr . meta l4proto . th dport", ChainNames.SERVICE_ENDPOINTS)),
        NftChain.regular(
            ChainNames.NODEPORT_DNAT,
            dnatByProtocol("meta l4proto . th dport", ChainNames.NODEPORT_ENDPOINTS)),
        NftChain.regular(
            ChainNames.NODEPORT_LOCAL_DNAT,
            dnatByProtocol("meta l4proto . th dport", ChainNames.NODEPORT_LOCAL_ENDPOINTS)),
        NftChain.regular(ChainNames.MASQUERADING, masquerading));
  }

  /**
   * One DNAT rule per transport protocol, each looking {@code key . meta mark} up in {@code map}.
   */
  private static List<String> dnatByProtocol(String key, String map) {
    List<String> rules = new ArrayList<>();
    for (Protocol p : Protocol.values()) {
      rules.add("meta l4proto " + p.nft() + " dnat ip to " + key + " . meta mark map @" + map);
    }
    return rules;
  }

  private static String fromOutside(DataplaneSpec spec) {
    return "ip saddr != " + spec.podCidr() + " jump " + ChainNames.MARK_FOR_MASQUERADE;
  }

  private static NftChain serviceChain(DataplaneSpec spec, ServicePortRule s) {
    return NftChain.regular(
        ChainNames.service(s),
        List.of(fromOutside(spec), pick(s.targets().size(), ChainNames.SERVICE_DNAT)));
  }

  /**
   * The next of {@code count} endpoints, counted per rule (so per service), in the packet mark;
   * then the shared DNAT chain that looks it up.
   */
  private static String pick(int count, String dnatChain) {
    return "meta mark set numgen inc mod " + count + " goto " + dnatChain;
  }

  private static NftChain externalChain(DataplaneSpec spec, ServicePortRule s) {
    boolean affinity = s.affinitySeconds() > 0;
    String toAll =
        affinity
            ? "goto " + ChainNames.service(s)
            : pick(s.targets().size(), ChainNames.NODEPORT_DNAT);
    if (!s.externalLocal()) {
      return NftChain.regular(
          ChainNames.external(s), List.of("jump " + ChainNames.MARK_FOR_MASQUERADE, toAll));
    }
    List<String> rules =
        new ArrayList<>(
            List.of(
                "ip saddr " + spec.podCidr() + " " + toAll,
                "fib saddr type local jump " + ChainNames.MARK_FOR_MASQUERADE,
                "fib saddr type local " + toAll));
    List<Target> local = s.localTargets();
    if (!local.isEmpty()) {
      rules.add(
          affinity ? roundRobin(s, local) : pick(local.size(), ChainNames.NODEPORT_LOCAL_DNAT));
    }
    return NftChain.regular(ChainNames.external(s), rules);
  }

  private static NftChain affinityServiceChain(DataplaneSpec spec, ServicePortRule s) {
    List<String> rules = new ArrayList<>();
    rules.add(fromOutside(spec));
    for (Target t : s.targets()) {
      rules.add("ip saddr @" + ChainNames.affinity(s, t) + " goto " + ChainNames.endpoint(s, t));
    }
    rules.add(roundRobin(s, s.targets()));
    return NftChain.regular(ChainNames.service(s), rules);
  }

  private static NftChain endpointChain(ServicePortRule s, Target t) {
    return NftChain.regular(
        ChainNames.endpoint(s, t),
        List.of(
            "update @" + ChainNames.affinity(s, t) + " { ip saddr }",
            "meta l4proto " + s.protocol().nft() + " dnat ip to " + t.ip() + ":" + t.port()));
  }

  /**
   * {@code numgen inc mod N vmap { 0 : goto ep-a, 1 : goto ep-b }}: the next endpoint per new
   * connection.
   */
  private static String roundRobin(ServicePortRule s, List<Target> targets) {
    StringBuilder vmap =
        new StringBuilder("numgen inc mod ").append(targets.size()).append(" vmap { ");
    for (int i = 0; i < targets.size(); i++) {
      vmap.append(i == 0 ? "" : ", ")
          .append(i)
          .append(" : goto ")
          .append(ChainNames.endpoint(s, targets.get(i)));
    }
    return vmap.append(" }").toString();
  }
}
