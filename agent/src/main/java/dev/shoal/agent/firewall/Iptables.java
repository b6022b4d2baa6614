package dev.shoal.agent.firewall;

/**
 * Which iptables programs to run, for IPv4 and IPv6. {@link #DEFAULT} is what {@code apt-get
 * install iptables} gives on Debian 12 ({@code iptables}, {@code ip6tables} and their {@code
 * -restore} are the nf_tables flavour, 1.8.9); {@link #LEGACY} is the x_tables flavour for hosts
 * whose other rules live there. Both take the same rule syntax and print rules alike in {@code -S}.
 */
public record Iptables(String iptables, String restore, String ip6tables, String ip6restore) {

  public static final Iptables DEFAULT =
      new Iptables("iptables", "iptables-restore", "ip6tables", "ip6tables-restore");
  public static final Iptables LEGACY =
      new Iptables(
          "iptables-legacy",
          "iptables-legacy-restore",
          "ip6tables-legacy",
          "ip6tables-legacy-restore");

  /** The IPv6 programs in the IPv4 places, for a {@link FilterTable} of the IPv6 filter table. */
  Iptables v6() {
    return new Iptables(ip6tables, ip6restore, ip6tables, ip6restore);
  }
}
