package dev.shoal.overlay.link;

/**
 * An IPv4 address with prefix length on a device, e.g. {@code 10.96.0.10/32} on {@code shoal-svc0}.
 */
public record Address(String device, String ipWithPrefix) {

  public String ip() {
    int slash = ipWithPrefix.indexOf('/');
    return slash < 0 ? ipWithPrefix : ipWithPrefix.substring(0, slash);
  }
}
