package dev.shoal.overlay.vxlan;

import dev.shoal.overlay.link.Address;
import dev.shoal.overlay.link.FdbEntry;
import dev.shoal.overlay.link.Neighbour;
import dev.shoal.overlay.link.Route;
import dev.shoal.overlay.link.VxlanSpec;

/** One change to the kernel's overlay state, as planned by {@link OverlayPlanner}. */
public sealed interface OverlayAction {

  record CreateVxlan(String name, VxlanSpec spec) implements OverlayAction {}

  record CreateDevice(String name, String kind) implements OverlayAction {}

  record DeleteLink(String name) implements OverlayAction {}

  record SetUp(String name) implements OverlayAction {}

  record AddAddress(Address address) implements OverlayAction {}

  record DeleteAddress(Address address) implements OverlayAction {}

  record ReplaceRoute(Route route) implements OverlayAction {}

  record DeleteRoute(Route route) implements OverlayAction {}

  record ReplaceNeighbour(Neighbour neighbour) implements OverlayAction {}

  record DeleteNeighbour(Neighbour neighbour) implements OverlayAction {}

  record ReplaceFdb(FdbEntry entry) implements OverlayAction {}

  record DeleteFdb(FdbEntry entry) implements OverlayAction {}
}
