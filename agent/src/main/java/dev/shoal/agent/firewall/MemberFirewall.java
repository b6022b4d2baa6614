package dev.shoal.agent.firewall;

import dev.shoal.overlay.exec.CommandRunner;
import dev.shoal.overlay.ipam.Allocation;
import dev.shoal.overlay.ipam.Cidr;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's Hazelcast port to the admitted members (open-source Hazelcast authenticates no
 * member, so Shoal admits them itself and the kernel enforces it): chains {@value
 * MemberRules#INPUT_CHAIN} and {@value MemberRules#OUTPUT_CHAIN} (see {@link MemberRules}), in the
 * IPv4 and IPv6 filter tables. Level-triggered: {@link #apply} compares the chains with the rules
 * for the given set and rewrites them in one atomic restore only when they differ, so it is cheap
 * to call on every member-list change and on a timer (a deleted rule or a moved jump comes back).
 * An admitted address never sees a moment of DROP while the set changes.
 */
public final class MemberFirewall {

  public static final String INPUT_CHAIN = MemberRules.INPUT_CHAIN;
  public static final String OUTPUT_CHAIN = MemberRules.OUTPUT_CHAIN;

  private static final Logger LOG = LoggerFactory.getLogger(MemberFirewall.class);

  private final ChainsOnWorker worker;
  private final PortRange ports;
  private final List<Cidr> notMembers;
  private volatile Chains wanted;

  /**
   * @param runner runs the iptables programs (its prefix may enter a network namespace)
   * @param ports the Hazelcast member port(s)
   * @param notMembers address ranges that are never members: the pod CIDR and the service CIDR
   */
  public MemberFirewall(
      Vertx vertx,
      CommandRunner runner,
      Iptables iptables,
      PortRange ports,
      Collection<Cidr> notMembers) {
    this.worker = new ChainsOnWorker(vertx, new DualStackTables(runner, iptables));
    this.ports = ports;
    this.notMembers = List.copyOf(new TreeSet<>(notMembers));
  }

  /** On this host, with the Debian default iptables. */
  public static MemberFirewall onHost(Vertx vertx, int clusterPort, Collection<Cidr> notMembers) {
    return new MemberFirewall(
        vertx,
        new CommandRunner(List.of(), Duration.ofSeconds(10)),
        Iptables.DEFAULT,
        PortRange.single(clusterPort),
        notMembers);
  }

  /**
   * Admits exactly these IPv4 addresses (plus loopback); anything else loses the cluster port,
   * established connections included. Entries that are not IPv4 addresses are left out (so not
   * admitted) with a warning. Completes with true when the kernel's rules had to change.
   */
  public Future<Boolean> apply(Set<String> admitted) {
    wanted = MemberRules.chains(ports, notMembers, parse(admitted));
    return worker.apply(() -> wanted);
  }

  /**
   * Applies the last set again (drift repair on a timer); completes with false before the first
   * apply.
   */
  public Future<Boolean> reapply() {
    return worker.apply(() -> wanted);
  }

  /**
   * Takes both chains and their jumps away ({@code --cleanup}); later {@link #reapply}s do nothing.
   */
  public Future<Void> remove() {
    wanted = null;
    return worker.remove(MemberRules.chains(ports, notMembers, new TreeSet<>())).mapEmpty();
  }

  /** The addresses as the rules will hold them, without the ones that are not IPv4 addresses. */
  static SortedSet<Cidr> parse(Set<String> admitted) {
    SortedSet<Cidr> out = new TreeSet<>();
    for (String address : admitted) {
      Allocation<Cidr> parsed =
          Cidr.parse("admitted", address == null ? "" : address.strip() + "/32");
      if (parsed instanceof Allocation.Refused<Cidr>) {
        LOG.warn("member firewall: '{}' is not an IPv4 address; it stays out", address);
      } else {
        out.add(parsed.orElseThrow());
      }
    }
    return out;
  }
}
