package dev.shoal.agent.network;

import dev.shoal.overlay.exec.CommandException;
import dev.shoal.overlay.exec.CommandRunner;
import dev.shoal.overlay.nft.Protocol;
import dev.shoal.overlay.policy.PolicyTablePart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cuts established flows a policy change no longer allows: lists this node's conntrack table,
 * judges each established TCP or SCTP flow and each UDP flow after its DNAT (the reply's source is
 * the chosen backend) with the new plan, and deletes those it denies, so their next packet is new
 * and meets the policy. {@link #parse} and {@link #denied} are pure; {@link #cut} runs {@code
 * conntrack} (blocking).
 */
final class PolicyConntrack {

  /** A flow: its original tuple and where the DNAT sent it. */
  record Flow(
      Protocol protocol,
      String src,
      String dst,
      int sport,
      int dport,
      String backend,
      int backendPort) {}

  private PolicyConntrack() {}

  /** Lines of {@code conntrack -L}: {@code tcp 6 431999 ESTABLISHED src=.. dst=.. sport=..}. */
  static List<Flow> parse(String listing) {
    List<Flow> out = new ArrayList<>();
    for (String line : listing.split("\n")) {
      String[] words = line.trim().split("\\s+");
      if (words.length < 2) {
        continue;
      }
      Optional<Protocol> proto =
          switch (words[0]) {
            case "tcp", "udp", "sctp" -> Protocol.parse(words[0]);
            default -> Optional.empty();
          };
      // a TCP or SCTP flow that is not established (TIME_WAIT, CLOSE, ...) carries nothing more
      if (proto.isEmpty()
          || (proto.get() != Protocol.UDP
              && (words.length < 4 || !words[3].equals("ESTABLISHED")))) {
        continue;
      }
      Map<String, String> first = new HashMap<>();
      Map<String, String> reply = new HashMap<>();
      for (String w : words) {
        int eq = w.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String k = w.substring(0, eq);
        Map<String, String> into = first.containsKey(k) ? reply : first;
        into.putIfAbsent(k, w.substring(eq + 1));
      }
      try {
        out.add(
            new Flow(
                proto.get(),
                first.get("src"),
                first.get("dst"),
                Integer.parseInt(first.get("sport")),
                Integer.parseInt(first.get("dport")),
                reply.getOrDefault("src", first.get("dst")),
                Integer.parseInt(reply.getOrDefault("sport", first.get("dport")))));
      } catch (RuntimeException e) {
        // a line of another shape: not ours to judge
      }
    }
    return out;
  }

  /** The flows of this node's pods that {@code plan} no longer lets pass. */
  static List<Flow> denied(List<Flow> flows, PolicyTablePart.Compiled plan) {
    return flows.stream()
        .filter(f -> f.src() != null && f.backend() != null)
        .filter(f -> plan.egress().containsKey(f.src()) || plan.ingress().containsKey(f.backend()))
        .filter(f -> !plan.allows(f.src(), f.backend(), f.protocol(), f.backendPort()))
        .toList();
  }

  /** Blocking: deletes the denied flows; returns how many. */
  static int cut(CommandRunner runner, PolicyTablePart.Compiled plan) throws CommandException {
    if (plan.ingress().isEmpty() && plan.egress().isEmpty()) {
      return 0;
    }
    CommandRunner.Result listing = runner.run(List.of("conntrack", "-L"));
    if (listing.exitCode() != 0) {
      throw new CommandException(
          CommandException.Kind.FAILED, "conntrack -L: " + listing.stderr().strip());
    }
    List<Flow> denied = denied(parse(listing.stdout()), plan);
    for (Flow f : denied) {
      CommandRunner.Result r =
          runner.run(
              List.of(
                  "conntrack",
                  "-D",
                  "-p",
                  f.protocol().nft(),
                  "-s",
                  f.src(),
                  "-d",
                  f.dst(),
                  "--sport",
                  String.valueOf(f.sport()),
                  "--dport",
                  String.valueOf(f.dport())));
      if (r.exitCode() != 0 && !r.stderr().contains("0 flow entries")) {
        throw new CommandException(
            CommandException.Kind.FAILED, "conntrack -D: " + r.stderr().strip());
      }
    }
    return denied.size();
  }
}
