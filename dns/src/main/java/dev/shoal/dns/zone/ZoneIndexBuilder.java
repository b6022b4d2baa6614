package dev.shoal.dns.zone;

import dev.shoal.dns.ClusterRecords;
import dev.shoal.dns.EndpointEntry;
import dev.shoal.dns.PodEntry;
import dev.shoal.dns.ServiceEntry;
import dev.shoal.dns.ServicePort;
import dev.shoal.dns.wire.DnsWire;
import dev.shoal.dns.wire.WireNames;
import io.netty.util.NetUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns cluster records into a {@link ZoneIndex}, following the Kubernetes DNS specification 1.1.0:
 * service A/AAAA, headless per-endpoint addresses and hostnames, SRV for named ports, PTR for
 * cluster IPs, endpoint hostnames and pods, pod A records, {@code dns-version} TXT and the zone
 * SOA. Names that only have names below them (e.g. {@code <ns>.svc.<zone>}) exist as empty nodes,
 * so they answer NODATA instead of NXDOMAIN. Records with unusable addresses or names are skipped.
 */
public final class ZoneIndexBuilder {
  static final String SPEC_VERSION = "1.1.0";
  private final String zone;
  private final int ttl;
  private final int negativeTtl;
  private final Map<String, Owner> owners = new HashMap<>();
  private final Map<String, List<SrvTarget>> srv = new LinkedHashMap<>();
  private final Map<String, String> ptr = new LinkedHashMap<>();

  public ZoneIndexBuilder(String zone, int ttl, int negativeTtl) {
    this.zone = zone;
    this.ttl = ttl;
    this.negativeTtl = negativeTtl;
  }

  /** Builds the index of one snapshot; call on a fresh builder each time. */
  public ZoneIndex build(ClusterRecords records) {
    long generation = records.generation();
    byte[] apexWire = WireNames.encode(zone);
    byte[] soa =
        RecordBytes.soa(
            WireNames.encode("ns.dns." + zone),
            WireNames.encode("hostmaster." + zone),
            (int) generation,
            negativeTtl);
    byte[] soaTail = RecordBytes.tail(DnsWire.TYPE_SOA, negativeTtl, soa);
    owner(zone).add(DnsWire.TYPE_SOA, soaTail);
    owner("dns-version." + zone)
        .add(
            DnsWire.TYPE_TXT,
            RecordBytes.tail(DnsWire.TYPE_TXT, ttl, RecordBytes.txt(SPEC_VERSION)));
    for (ServiceEntry s : records.services()) {
      if (!validLabel(s.name()) || !validLabel(s.namespace())) {
        continue;
      }
      String base = lower(s.name()) + "." + lower(s.namespace()) + ".svc." + zone;
      if (s.isHeadless()) {
        addHeadless(s, base, records.endpoints(s.namespace(), s.name()));
      } else if (address(base, s.clusterIp())) {
        ptr.putIfAbsent(s.clusterIp(), base);
        for (ServicePort p : s.ports()) {
          addSrv(p, base, p.port(), base, s.clusterIp());
        }
      }
    }
    for (PodEntry p : records.pods()) {
      if (validLabel(p.namespace()) && p.ip() != null) {
        String name = WireNames.dashed(p.ip()) + "." + lower(p.namespace()) + ".pod." + zone;
        if (address(name, p.ip())) {
          ptr.putIfAbsent(p.ip(), name);
        }
      }
    }
    finishSrv();
    finishPtr();
    return new ZoneIndex(generation, zone, nodes(), RecordBytes.full(apexWire, soaTail));
  }

  private void addHeadless(ServiceEntry s, String base, Iterable<EndpointEntry> endpoints) {
    for (EndpointEntry e : endpoints) {
      if (!(e.ready() || s.publishNotReadyAddresses()) || e.ip() == null) {
        continue;
      }
      String label =
          e.hostname() != null && validLabel(e.hostname())
              ? lower(e.hostname())
              : WireNames.dashed(e.ip());
      String target = label + "." + base;
      if (!address(base, e.ip())) {
        continue;
      }
      address(target, e.ip());
      if (e.hostname() != null) {
        ptr.putIfAbsent(e.ip(), target);
      }
      for (ServicePort p : e.ports()) {
        addSrv(p, base, p.port(), target, e.ip());
      }
    }
  }

  private void addSrv(ServicePort p, String base, int port, String target, String ip) {
    if (p.name() == null || !validLabel(p.name()) || port <= 0 || port > 65535) {
      return;
    }
    String owner = "_" + lower(p.name()) + "._" + lower(p.protocol()) + "." + base;
    srv.computeIfAbsent(owner, k -> new ArrayList<>()).add(new SrvTarget(port, target, ip));
  }

  private void finishSrv() {
    for (Map.Entry<String, List<SrvTarget>> e : srv.entrySet()) {
      List<SrvTarget> targets = e.getValue();
      int weight = Math.max(1, 100 / targets.size());
      Owner o = owner(e.getKey());
      for (SrvTarget t : targets) {
        byte[] targetWire = WireNames.encode(t.target);
        if (o.add(
            DnsWire.TYPE_SRV,
            RecordBytes.tail(
                DnsWire.TYPE_SRV, ttl, RecordBytes.srv(0, weight, t.port, targetWire)))) {
          byte[] addr = NetUtil.createByteArrayFromIpAddressString(t.ip);
          int type = addr.length == 4 ? DnsWire.TYPE_A : DnsWire.TYPE_AAAA;
          o.additional(RecordBytes.full(targetWire, RecordBytes.tail(type, ttl, addr)));
        }
      }
    }
  }

  private void finishPtr() {
    for (Map.Entry<String, String> e : ptr.entrySet()) {
      byte[] addr = NetUtil.createByteArrayFromIpAddressString(e.getKey());
      owner(WireNames.reverseName(addr))
          .add(
              DnsWire.TYPE_PTR,
              RecordBytes.tail(DnsWire.TYPE_PTR, ttl, WireNames.encode(e.getValue())));
    }
  }

  /**
   * Adds an A or AAAA record; false when the address is not an IP literal or the name is too long.
   */
  private boolean address(String name, String ip) {
    byte[] addr = ip == null ? null : NetUtil.createByteArrayFromIpAddressString(ip);
    if (addr == null || name.length() > 253) {
      return false;
    }
    int type = addr.length == 4 ? DnsWire.TYPE_A : DnsWire.TYPE_AAAA;
    owner(name).add(type, RecordBytes.tail(type, ttl, addr));
    return true;
  }

  private Owner owner(String name) {
    return owners.computeIfAbsent(name, k -> new Owner());
  }

  private Map<String, Node> nodes() {
    Map<String, Node> nodes = new HashMap<>(owners.size() * 2);
    String suffix = "." + zone;
    for (Map.Entry<String, Owner> e : owners.entrySet()) {
      nodes.put(e.getKey(), e.getValue().toNode());
      // every ancestor inside the zone exists too (an "empty non-terminal")
      String n = e.getKey();
      while (n.endsWith(suffix)) {
        n = n.substring(n.indexOf('.') + 1);
        nodes.putIfAbsent(n, new Node(Node.NONE));
      }
    }
    return Map.copyOf(nodes);
  }

  private static boolean validLabel(String s) {
    if (s == null || s.isEmpty() || s.length() > 63) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          c >= 'a' && c <= 'z'
              || c >= 'A' && c <= 'Z'
              || c >= '0' && c <= '9'
              || c == '-'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private record SrvTarget(int port, String target, String ip) {}

  /** Record sets being collected for one name, deduplicated. */
  private static final class Owner {
    private final Map<Integer, LinkedHashMap<String, byte[]>> sets = new LinkedHashMap<>();
    private final Map<String, byte[]> additional = new LinkedHashMap<>();

    boolean add(int type, byte[] tail) {
      return sets.computeIfAbsent(type, k -> new LinkedHashMap<>())
              .putIfAbsent(new String(tail, StandardCharsets.ISO_8859_1), tail)
          == null;
    }

    void additional(byte[] full) {
      additional.putIfAbsent(new String(full, StandardCharsets.ISO_8859_1), full);
    }

    Node toNode() {
      RRset[] out = new RRset[sets.size()];
      int i = 0;
      for (Map.Entry<Integer, LinkedHashMap<String, byte[]>> e : sets.entrySet()) {
        byte[][] extra =
            e.getKey() == DnsWire.TYPE_SRV
                ? additional.values().toArray(new byte[0][])
                : new byte[0][];
        out[i++] = new RRset(e.getKey(), e.getValue().values().toArray(new byte[0][]), extra);
      }
      return new Node(out);
    }
  }
}
