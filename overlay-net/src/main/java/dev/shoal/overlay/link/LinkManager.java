package dev.shoal.overlay.link;

import java.util.List;
import java.util.Optional;

/**
 * Reads and changes the kernel's network objects. Every call blocks (it runs a command): call it
 * from a worker thread, never from an event loop. Writes of routes, neighbours and FDB entries are
 * "replace" operations, so repeating one is harmless.
 */
public interface LinkManager {

    List<Link> links() throws LinkException;

    default Optional<Link> link(String name) throws LinkException {
        return links().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    void createVxlan(String name, VxlanSpec spec) throws LinkException;

    /** Creates a plain device of {@code kind} (e.g. {@code dummy} or {@code bridge}). */
    void createDevice(String name, String kind) throws LinkException;

    void deleteLink(String name) throws LinkException;

    void setUp(String name) throws LinkException;

    /** IPv4 addresses on {@code device}. */
    List<Address> addresses(String device) throws LinkException;

    void addAddress(Address address) throws LinkException;

    void deleteAddress(Address address) throws LinkException;

    /** IPv4 main-table routes through {@code device}. */
    List<Route> routes(String device) throws LinkException;

    void replaceRoute(Route route) throws LinkException;

    void deleteRoute(Route route) throws LinkException;

    List<Neighbour> neighbours(String device) throws LinkException;

    void replaceNeighbour(Neighbour neighbour) throws LinkException;

    void deleteNeighbour(Neighbour neighbour) throws LinkException;

    List<FdbEntry> fdb(String device) throws LinkException;

    void replaceFdb(FdbEntry entry) throws LinkException;

    void deleteFdb(FdbEntry entry) throws LinkException;
}
