package dev.shoal.overlay.link;

import dev.shoal.overlay.exec.CommandException;
import java.util.List;
import java.util.Optional;

/**
 * Reads and changes the kernel's network objects. Every call blocks (it runs a command): call it
 * from a worker thread, never from an event loop. Writes of routes, neighbours and FDB entries are
 * "replace" operations, so repeating one is harmless.
 */
public interface LinkManager {

  List<Link> links() throws CommandException;

  default Optional<Link> link(String name) throws CommandException {
    return links().stream().filter(l -> l.name().equals(name)).findFirst();
  }

  void createVxlan(String name, VxlanSpec spec) throws CommandException;

  /** Creates a plain device of {@code kind} (e.g. {@code dummy} or {@code bridge}). */
  void createDevice(String name, String kind) throws CommandException;

  void deleteLink(String name) throws CommandException;

  void setUp(String name) throws CommandException;

  /** IPv4 addresses on {@code device}. */
  List<Address> addresses(String device) throws CommandException;

  void addAddress(Address address) throws CommandException;

  void deleteAddress(Address address) throws CommandException;

  /** IPv4 main-table routes through {@code device}. */
  List<Route> routes(String device) throws CommandException;

  void replaceRoute(Route route) throws CommandException;

  void deleteRoute(Route route) throws CommandException;

  List<Neighbour> neighbours(String device) throws CommandException;

  void replaceNeighbour(Neighbour neighbour) throws CommandException;

  void deleteNeighbour(Neighbour neighbour) throws CommandException;

  List<FdbEntry> fdb(String device) throws CommandException;

  void replaceFdb(FdbEntry entry) throws CommandException;

  void deleteFdb(FdbEntry entry) throws CommandException;
}
