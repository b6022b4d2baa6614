package dev.shoal.dns.resolvconf;

import java.util.List;

/**
 * A pod's {@code spec.dnsConfig}: extra nameservers and search domains, and options as "name" or
 * "name:value" strings (Kubernetes' {name, value} pairs joined with a colon). Null lists mean none.
 */
public record PodDnsConfig(List<String> nameservers, List<String> searches, List<String> options) {

  public static final PodDnsConfig NONE = new PodDnsConfig(List.of(), List.of(), List.of());

  public PodDnsConfig {
    nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
    searches = searches == null ? List.of() : List.copyOf(searches);
    options = options == null ? List.of() : List.copyOf(options);
  }
}
