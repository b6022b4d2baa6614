package dev.shoal.overlay.link;

import dev.shoal.overlay.exec.CommandException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the JSON that {@code ip -j} and {@code bridge -j} print into the records of this package.
 */
final class IpJson {

  private IpJson() {}

  static List<JsonObject> objects(String json) throws CommandException {
    String trimmed = json.strip();
    if (trimmed.isEmpty()) {
      return List.of();
    }
    try {
      JsonArray array = new JsonArray(trimmed);
      List<JsonObject> out = new ArrayList<>();
      for (Object o : array) {
        if (o instanceof JsonObject j && !j.isEmpty()) {
          out.add(j);
        }
      }
      return out;
    } catch (DecodeException | ClassCastException e) {
      throw new CommandException(
          CommandException.Kind.FAILED, "unreadable iproute2 JSON: " + e.getMessage());
    }
  }

  static List<Link> links(String json) throws CommandException {
    List<Link> out = new ArrayList<>();
    for (JsonObject o : objects(json)) {
      JsonObject info = o.getJsonObject("linkinfo", new JsonObject());
      String kind = info.getString("info_kind", "");
      Optional<VxlanSpec> vxlan = Optional.empty();
      if ("vxlan".equals(kind)) {
        JsonObject d = info.getJsonObject("info_data", new JsonObject());
        vxlan =
            Optional.of(
                new VxlanSpec(
                    d.getInteger("id", 0),
                    d.getInteger("port", 0),
                    d.getString("local", ""),
                    d.getString("link"),
                    o.getString("address")));
      }
      boolean up = o.getJsonArray("flags", new JsonArray()).contains("UP");
      out.add(new Link(o.getString("ifname"), kind, o.getString("address"), up, vxlan));
    }
    return out;
  }

  static List<Address> addresses(String device, String json) throws CommandException {
    List<Address> out = new ArrayList<>();
    for (JsonObject o : objects(json)) {
      for (Object a : o.getJsonArray("addr_info", new JsonArray())) {
        JsonObject info = (JsonObject) a;
        if ("inet".equals(info.getString("family"))) {
          out.add(
              new Address(device, info.getString("local") + "/" + info.getInteger("prefixlen")));
        }
      }
    }
    return out;
  }

  /** Routes of the listing that go through {@code device}. */
  static List<Route> routes(String device, String json) throws CommandException {
    List<Route> out = new ArrayList<>();
    for (JsonObject o : objects(json)) {
      if (!device.equals(o.getString("dev"))) {
        continue;
      }
      String dst = o.getString("dst", "");
      if (!dst.contains("/") && !"default".equals(dst)) {
        dst = dst + "/32";
      }
      boolean onlink = o.getJsonArray("flags", new JsonArray()).contains("onlink");
      out.add(new Route(dst, o.getString("gateway"), device, onlink));
    }
    return out;
  }

  static List<Neighbour> neighbours(String device, String json) throws CommandException {
    List<Neighbour> out = new ArrayList<>();
    for (JsonObject o : objects(json)) {
      if (o.getString("dst") == null || o.getString("dst").contains(":")) {
        continue;
      }
      Object state = o.getValue("state");
      boolean permanent = state != null && state.toString().contains("PERMANENT");
      out.add(new Neighbour(device, o.getString("dst"), o.getString("lladdr", ""), permanent));
    }
    return out;
  }

  static List<FdbEntry> fdb(String device, String json) throws CommandException {
    List<FdbEntry> out = new ArrayList<>();
    for (JsonObject o : objects(json)) {
      String dst = o.getString("dst");
      String mac = o.getString("mac");
      if (dst != null && mac != null) {
        out.add(new FdbEntry(device, mac, dst));
      }
    }
    return out;
  }
}
