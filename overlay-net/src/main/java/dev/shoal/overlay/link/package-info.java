/**
 * Kernel network objects (links, addresses, routes, neighbours, FDB entries) as records, and {@link
 * dev.shoal.overlay.link.LinkManager}, the blocking interface that reads and changes them; {@link
 * dev.shoal.overlay.link.IpRouteLinkManager} does it by running iproute2 with {@code -j}.
 */
package dev.shoal.overlay.link;
