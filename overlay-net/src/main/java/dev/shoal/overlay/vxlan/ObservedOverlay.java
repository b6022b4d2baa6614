package dev.shoal.overlay.vxlan;

import dev.shoal.overlay.link.Address;
import dev.shoal.overlay.link.FdbEntry;
import dev.shoal.overlay.link.Link;
import dev.shoal.overlay.link.Neighbour;
import dev.shoal.overlay.link.Route;
import java.util.List;
import java.util.Optional;

/**
 * What the kernel holds of the overlay: the VXLAN device with its addresses, routes, neighbour and
 * FDB entries, the service device with its addresses, and every link with an owned name prefix.
 */
public record ObservedOverlay(
    Optional<Link> vxlan,
    List<Address> vxlanAddresses,
    List<Route> routes,
    List<Neighbour> neighbours,
    List<FdbEntry> fdb,
    Optional<Link> serviceDevice,
    List<Address> serviceAddresses,
    List<Link> ownedLinks) {

  public static final ObservedOverlay NOTHING =
      new ObservedOverlay(
          Optional.empty(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          Optional.empty(),
          List.of(),
          List.of());

  public ObservedOverlay {
    vxlanAddresses = List.copyOf(vxlanAddresses);
    routes = List.copyOf(routes);
    neighbours = List.copyOf(neighbours);
    fdb = List.copyOf(fdb);
    serviceAddresses = List.copyOf(serviceAddresses);
    ownedLinks = List.copyOf(ownedLinks);
  }
}
