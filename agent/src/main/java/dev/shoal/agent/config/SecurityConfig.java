package dev.shoal.agent.config;

/**
 * How a node protects its API and its cluster port.
 *
 * @param plainHttp serve the API without TLS (allowed only on a loopback address)
 * @param joinSecret the cluster's join secret (from {@code SHOAL_JOIN_SECRET} or {@code
 *     --join-secret-file}); null on a first node, which makes one
 * @param requestsPerSecond API requests a second each token may make on average (bursts of twice
 *     that)
 * @param watchesPerToken watch streams each token may hold open on this node
 * @param firewall keep the cluster port closed to all but admitted members, and the API and cluster
 *     ports closed to pods (iptables)
 */
public record SecurityConfig(
    boolean plainHttp,
    String joinSecret,
    int requestsPerSecond,
    int watchesPerToken,
    boolean firewall) {

  /** What {@code toString} shows instead of the secret, so a logged config never carries it. */
  @Override
  public String toString() {
    return "SecurityConfig[plainHttp="
        + plainHttp
        + ", joinSecret="
        + (joinSecret == null ? "none" : "(set)")
        + ", requestsPerSecond="
        + requestsPerSecond
        + ", watchesPerToken="
        + watchesPerToken
        + ", firewall="
        + firewall
        + "]";
  }
}
