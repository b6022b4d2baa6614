package dev.shoal.agent.config;

import dev.shoal.agent.cluster.ClusterConfig;
import java.nio.file.Path;

/**
 * Everything an agent is told at start-up. Values come, lowest precedence first, from the defaults
 * here, a JSON config file ({@code --config}), {@code SHOAL_*} environment variables and
 * command-line flags; {@link ConfigLoader} does the merging.
 *
 * @param nodeName this node's name in the cluster (default: the host name)
 * @param dataDir where the agent keeps its files (emptyDir volumes, the on-disk state copy)
 * @param apiHost address the HTTP API binds to
 * @param apiPort port of the HTTP API
 * @param maxBodyBytes largest request body the API accepts (413 above it)
 * @param dockerHost Docker engine endpoint, e.g. unix:///var/run/docker.sock
 * @param podNetwork Docker network pod sandboxes attach to
 * @param pauseImage sandbox image; empty means "build shoal/pause locally"
 * @param crashBackoffMs first restart back-off of a crashing container (doubles up to 5 minutes)
 * @param cluster how this node joins the others (Hazelcast member settings)
 * @param podCidr the cluster's pod address range, split into one subnet per node
 * @param serviceCidr the range ClusterIPs are taken from
 * @param dnsHost address the cluster DNS responder binds; empty means the pod network's gateway
 * @param dnsPort port of the cluster DNS responder
 * @param clusterDomain the cluster's DNS zone
 * @param security TLS, join secret, per-token limits and the node firewall
 * @param cleanup on shutdown, remove what the agent made on this host: its pods' containers and
 *     volumes, the overlay devices and routes, the pod network, the nftables table {@code inet
 *     shoal} and every iptables chain
 * @param metrics how often containers' usage is sampled, and the CPU rate's window
 * @param networkPolicies enforce NetworkPolicies in the node's nftables table ({@code
 *     --network-policies}; off by default while it is experimental, see the README)
 */
public record AgentConfig(
    String nodeName,
    Path dataDir,
    String apiHost,
    int apiPort,
    long maxBodyBytes,
    String dockerHost,
    String podNetwork,
    String pauseImage,
    long crashBackoffMs,
    ClusterConfig cluster,
    String podCidr,
    String serviceCidr,
    String dnsHost,
    int dnsPort,
    String clusterDomain,
    SecurityConfig security,
    boolean cleanup,
    MetricsConfig metrics,
    boolean networkPolicies) {

  public static final String VERSION = "0.1.0";
}
