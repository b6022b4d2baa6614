package dev.shoal.agent.network;

import dev.shoal.overlay.exec.CommandException;
import dev.shoal.overlay.exec.CommandRunner;
import dev.shoal.overlay.nft.Protocol;
import dev.shoal.overlay.nft.ServicePortRule;
import dev.shoal.overlay.nft.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flushes the UDP conntrack entries that still send a flow to an endpoint that is gone: UDP has no
 * connection to break, so without this a client that keeps sending keeps reaching the dead address.
 * {@link #stale} (pure) lists what to flush between two sets of service ports; {@link #flush} runs
 * {@code conntrack -D} for each (blocking; "0 flow entries" is not an error).
 */
final class UdpConntrack {

  /**
   * A flow to flush: sent to {@code serviceIp:port} (or to any address's {@code nodePort}) and
   * DNATed to {@code endpointIp}.
   */
  record Stale(String serviceIp, int port, String endpointIp) {}

  private UdpConntrack() {}

  static List<Stale> stale(List<ServicePortRule> before, List<ServicePortRule> after) {
    Map<String, Set<String>> now = new HashMap<>();
    for (ServicePortRule s : after) {
      Set<String> ips =
          now.computeIfAbsent(
              s.clusterIp() + ":" + s.port() + "/" + s.protocol(), k -> new LinkedHashSet<>());
      s.targets().forEach(t -> ips.add(t.ip()));
    }
    Set<Stale> out = new LinkedHashSet<>();
    for (ServicePortRule s : before) {
      if (s.protocol() != Protocol.UDP) {
        continue;
      }
      Set<String> kept =
          now.getOrDefault(s.clusterIp() + ":" + s.port() + "/" + s.protocol(), Set.of());
      for (Target t : s.targets()) {
        if (!kept.contains(t.ip())) {
          out.add(new Stale(s.clusterIp(), s.port(), t.ip()));
          if (s.nodePort() > 0) {
            out.add(new Stale(null, s.nodePort(), t.ip()));
          }
        }
      }
    }
    return new ArrayList<>(out);
  }

  static void flush(CommandRunner runner, List<Stale> stale) throws CommandException {
    for (Stale s : stale) {
      List<String> argv = new ArrayList<>(List.of("conntrack", "-D", "-p", "udp"));
      if (s.serviceIp() != null) {
        argv.addAll(List.of("--orig-dst", s.serviceIp()));
      }
      argv.addAll(
          List.of("--orig-port-dst", String.valueOf(s.port()), "--dst-nat", s.endpointIp()));
      CommandRunner.Result r = runner.run(argv);
      if (r.exitCode() != 0 && !r.stderr().contains("0 flow entries")) {
        throw new CommandException(
            CommandException.Kind.FAILED, String.join(" ", argv) + ": " + r.stderr().strip());
      }
    }
  }
}
