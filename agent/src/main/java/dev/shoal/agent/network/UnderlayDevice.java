package dev.shoal.agent.network;

import dev.shoal.overlay.exec.CommandException;
import dev.shoal.overlay.exec.CommandRunner;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/** Finds the interface that holds an address (the node's InternalIP), from {@code ip -j addr}. */
public final class UnderlayDevice {

  private UnderlayDevice() {}

  /** Blocking: runs {@code ip -j -4 addr show}. */
  public static Optional<String> holding(CommandRunner runner, String ip) throws CommandException {
    return fromJson(runner.check(List.of("ip", "-j", "-4", "addr", "show")), ip);
  }

  /** Pure: the {@code ifname} whose {@code addr_info} lists {@code ip}. */
  static Optional<String> fromJson(String json, String ip) {
    JsonArray links = new JsonArray(json.isBlank() ? "[]" : json);
    for (int i = 0; i < links.size(); i++) {
      JsonObject link = links.getJsonObject(i);
      JsonArray addrs = link.getJsonArray("addr_info", new JsonArray());
      for (int j = 0; j < addrs.size(); j++) {
        if (ip.equals(addrs.getJsonObject(j).getString("local"))) {
          return Optional.ofNullable(link.getString("ifname"));
        }
      }
    }
    return Optional.empty();
  }
}
