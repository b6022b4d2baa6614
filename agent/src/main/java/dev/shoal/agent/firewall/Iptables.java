package dev.shoal.agent.firewall;

/**
 * Which iptables programs to run. {@link #DEFAULT} is what {@code apt-get install iptables} gives on Debian
 * 12 ({@code iptables} and {@code iptables-restore} are the nf_tables flavour, 1.8.9); {@link #LEGACY} is the
 * x_tables flavour for hosts whose other rules live there. Both take the same rule syntax and print rules
 * alike in {@code -S}.
 */
public record Iptables(String iptables, String restore) {

  public static final Iptables DEFAULT = new Iptables("iptables", "iptables-restore");
  public static final Iptables LEGACY = new Iptables("iptables-legacy", "iptables-legacy-restore");
}
