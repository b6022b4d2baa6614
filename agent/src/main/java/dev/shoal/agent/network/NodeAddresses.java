package dev.shoal.agent.network;

import dev.shoal.overlay.exec.CommandException;
import dev.shoal.overlay.exec.CommandRunner;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.TreeSet;

/**
 * The addresses that answer NodePorts: this node's IPv4 addresses from {@code ip -j -4 addr show},
 * without loopback (reaching 127.0.0.1 through DNAT would need route_localnet) and without the
 * devices holding ClusterIPs ({@code shoal-svc*}).
 */
final class NodeAddresses {

  private NodeAddresses() {}

  /** Blocking. */
  static List<String> read(CommandRunner runner) throws CommandException {
    return fromJson(runner.check(List.of("ip", "-j", "-4", "addr", "show")));
  }

  static List<String> fromJson(String json) {
    TreeSet<String> out = new TreeSet<>();
    JsonArray links = new JsonArray(json.isBlank() ? "[]" : json);
    for (int i = 0; i < links.size(); i++) {
      JsonObject link = links.getJsonObject(i);
      String name = link.getString("ifname", "");
      if (name.equals("lo") || name.startsWith("shoal-svc")) {
        continue;
      }
      JsonArray addrs = link.getJsonArray("addr_info", new JsonArray());
      for (int j = 0; j < addrs.size(); j++) {
        String ip = addrs.getJsonObject(j).getString("local");
        if (ip != null && !ip.startsWith("127.") && !ip.startsWith("169.254.")) {
          out.add(ip);
        }
      }
    }
    return List.copyOf(out);
  }
}
