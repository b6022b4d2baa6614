package dev.shoal.overlay.link;

/**
 * A forwarding entry of a VXLAN device: frames for {@code mac} are sent to the VTEP at {@code dst}.
 */
public record FdbEntry(String device, String mac, String dst) {}
