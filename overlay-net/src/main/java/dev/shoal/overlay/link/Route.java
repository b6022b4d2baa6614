package dev.shoal.overlay.link;

/**
 * A main-table IPv4 route. {@code gateway} may be null (direct route); {@code onlink} lets the
 * gateway sit outside any subnet of the device, as overlay routes to a remote node's subnet do.
 */
public record Route(String destination, String gateway, String device, boolean onlink) {}
