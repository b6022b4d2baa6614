package dev.shoal.agent.firewall;

import dev.shoal.overlay.exec.CommandException;
import dev.shoal.overlay.exec.CommandRunner;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Hairpin mode on every port of the pod bridge, so a pod can reach itself through its own Service.
 * With bridged traffic passing the inet hooks, the kernel DNATs a pod's packet to a ClusterIP while
 * it is still being bridged; when the chosen endpoint is the pod itself, the frame has to leave by
 * the port it came in on, which a bridge port does only in hairpin mode (kubelet's "hairpin-veth"
 * does the same).
 */
public final class BridgeHairpin {

  private BridgeHairpin() {}

  /**
   * Blocking: turns hairpin on where it is off; returns the ports changed. A missing bridge changes
   * nothing.
   */
  public static List<String> ensure(CommandRunner runner, String bridge) throws CommandException {
    CommandRunner.Result ports =
        runner.run(List.of("ip", "-j", "-d", "link", "show", "master", bridge));
    if (ports.exitCode() != 0) {
      return List.of();
    }
    List<String> off = withoutHairpin(ports.stdout());
    for (String port : off) {
      runner.check(
          List.of("ip", "link", "set", "dev", port, "type", "bridge_slave", "hairpin", "on"));
    }
    return off;
  }

  /** Pure: the ports in {@code ip -j -d link show master BRIDGE} output whose hairpin is off. */
  public static List<String> withoutHairpin(String json) {
    List<String> out = new ArrayList<>();
    JsonArray links = new JsonArray(json.isBlank() ? "[]" : json);
    for (int i = 0; i < links.size(); i++) {
      JsonObject link = links.getJsonObject(i);
      JsonObject slave =
          link.getJsonObject("linkinfo", new JsonObject()).getJsonObject("info_slave_data");
      if (slave != null && !Boolean.TRUE.equals(slave.getBoolean("hairpin"))) {
        out.add(link.getString("ifname"));
      }
    }
    return out;
  }
}
