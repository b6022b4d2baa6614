package dev.shoal.overlay.vxlan;

import dev.shoal.overlay.exec.CommandException;
import dev.shoal.overlay.link.Address;
import dev.shoal.overlay.link.FdbEntry;
import dev.shoal.overlay.link.Link;
import dev.shoal.overlay.link.LinkManager;
import dev.shoal.overlay.link.Neighbour;
import dev.shoal.overlay.link.Route;
import dev.shoal.overlay.link.VxlanSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory kernel for the planner and executor tests; records every write it is asked for. */
final class FakeLinkManager implements LinkManager {

  final Map<String, Link> links = new LinkedHashMap<>();
  final List<Address> addresses = new ArrayList<>();
  final List<Route> routes = new ArrayList<>();
  final List<Neighbour> neighbours = new ArrayList<>();
  final List<FdbEntry> fdb = new ArrayList<>();
  final List<String> writes = new ArrayList<>();

  private void requireLink(String name) throws CommandException {
    if (!links.containsKey(name)) {
      throw new CommandException(
          CommandException.Kind.NOT_FOUND, "Cannot find device \"" + name + "\"");
    }
  }

  @Override
  public List<Link> links() {
    return List.copyOf(links.values());
  }

  @Override
  public void createVxlan(String name, VxlanSpec spec) throws CommandException {
    writes.add("createVxlan " + name);
    if (links.containsKey(name)) {
      throw new CommandException(CommandException.Kind.EXISTS, "File exists");
    }
    links.put(name, new Link(name, "vxlan", spec.mac(), false, Optional.of(spec)));
  }

  @Override
  public void createDevice(String name, String kind) throws CommandException {
    writes.add("createDevice " + name);
    if (links.containsKey(name)) {
      throw new CommandException(CommandException.Kind.EXISTS, "File exists");
    }
    links.put(name, new Link(name, kind, "aa:bb:cc:dd:ee:ff", false, Optional.empty()));
  }

  @Override
  public void deleteLink(String name) throws CommandException {
    writes.add("deleteLink " + name);
    requireLink(name);
    links.remove(name);
    addresses.removeIf(a -> a.device().equals(name));
    routes.removeIf(r -> r.device().equals(name));
    neighbours.removeIf(n -> n.device().equals(name));
    fdb.removeIf(f -> f.device().equals(name));
  }

  @Override
  public void setUp(String name) throws CommandException {
    writes.add("setUp " + name);
    requireLink(name);
    Link l = links.get(name);
    links.put(name, new Link(l.name(), l.kind(), l.mac(), true, l.vxlan()));
  }

  void setDown(String name) {
    Link l = links.get(name);
    links.put(name, new Link(l.name(), l.kind(), l.mac(), false, l.vxlan()));
  }

  @Override
  public List<Address> addresses(String device) {
    return addresses.stream().filter(a -> a.device().equals(device)).toList();
  }

  @Override
  public void addAddress(Address address) throws CommandException {
    writes.add("addAddress " + address.ipWithPrefix());
    requireLink(address.device());
    if (!addresses.contains(address)) {
      addresses.add(address);
    }
  }

  @Override
  public void deleteAddress(Address address) throws CommandException {
    writes.add("deleteAddress " + address.ipWithPrefix());
    if (!addresses.remove(address)) {
      throw new CommandException(
          CommandException.Kind.NOT_FOUND, "Cannot assign requested address");
    }
  }

  @Override
  public List<Route> routes(String device) {
    return routes.stream().filter(r -> r.device().equals(device)).toList();
  }

  @Override
  public void replaceRoute(Route route) throws CommandException {
    writes.add("replaceRoute " + route.destination());
    requireLink(route.device());
    routes.removeIf(r -> r.destination().equals(route.destination()));
    routes.add(route);
  }

  @Override
  public void deleteRoute(Route route) throws CommandException {
    writes.add("deleteRoute " + route.destination());
    if (!routes.remove(route)) {
      throw new CommandException(CommandException.Kind.NOT_FOUND, "No such process");
    }
  }

  @Override
  public List<Neighbour> neighbours(String device) {
    return neighbours.stream().filter(n -> n.device().equals(device)).toList();
  }

  @Override
  public void replaceNeighbour(Neighbour n) throws CommandException {
    writes.add("replaceNeighbour " + n.ip());
    requireLink(n.device());
    neighbours.removeIf(o -> o.device().equals(n.device()) && o.ip().equals(n.ip()));
    neighbours.add(n);
  }

  @Override
  public void deleteNeighbour(Neighbour n) throws CommandException {
    writes.add("deleteNeighbour " + n.ip());
    if (!neighbours.removeIf(o -> o.device().equals(n.device()) && o.ip().equals(n.ip()))) {
      throw new CommandException(CommandException.Kind.NOT_FOUND, "No such file or directory");
    }
  }

  @Override
  public List<FdbEntry> fdb(String device) {
    return fdb.stream().filter(f -> f.device().equals(device)).toList();
  }

  @Override
  public void replaceFdb(FdbEntry e) throws CommandException {
    writes.add("replaceFdb " + e.mac());
    requireLink(e.device());
    fdb.removeIf(o -> o.device().equals(e.device()) && o.mac().equals(e.mac()));
    fdb.add(e);
  }

  @Override
  public void deleteFdb(FdbEntry e) throws CommandException {
    writes.add("deleteFdb " + e.mac());
    if (!fdb.remove(e)) {
      throw new CommandException(CommandException.Kind.NOT_FOUND, "No such file or directory");
    }
  }
}
