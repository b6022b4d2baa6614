package dev.shoal.agent.clusterdns;

import dev.shoal.agent.store.LocalView;
import dev.shoal.dns.DnsConfig;
import dev.shoal.dns.DnsResponder;
import dev.shoal.dns.server.QueryCounts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's cluster DNS responder: bound where the node's pods reach it (by default the gateway
 * address of the pod bridge), answering from the replicated view.
 */
public final class NodeDns {

  private static final Logger LOG = LoggerFactory.getLogger(NodeDns.class);

  private final Vertx vertx;
  private final DnsResponder responder;
  private final String host;

  private NodeDns(Vertx vertx, DnsResponder responder, String host) {
    this.vertx = vertx;
    this.responder = responder;
    this.host = host;
  }

  /**
   * Starts a responder on {@code host:port} (host empty: the IPv4 address of {@code bridgeDevice})
   * and returns it once it answers. Fails with a message naming the address when it cannot bind.
   */
  public static Future<NodeDns> start(
      Vertx vertx, LocalView view, String host, String bridgeDevice, int port, String zone) {
    String bindHost;
    InetAddress address;
    try {
      bindHost = host == null || host.isBlank() ? bridgeAddress(bridgeDevice) : host;
      address = InetAddress.getByName(bindHost);
    } catch (UnknownHostException | SocketException | IllegalStateException e) {
      return Future.failedFuture(
          new IllegalStateException("cluster DNS: no address to bind: " + e.getMessage(), e));
    }
    DnsResponder responder =
        DnsResponder.create(
            DnsConfig.defaults().withBind(address, port).withZone(zone),
            new ViewClusterRecords(view));
    return Future.fromCompletionStage(responder.start(), vertx.getOrCreateContext())
        .map(
            bound -> {
              LOG.info(
                  "cluster DNS for zone {} answering on {}:{}", zone, bindHost, bound.getPort());
              return new NodeDns(vertx, responder, bindHost);
            });
  }

  /** The address pods use as their nameserver. */
  public String host() {
    return host;
  }

  /** How the responder has answered so far. */
  public QueryCounts counts() {
    return responder.counts();
  }

  /** The port the responder answers on (differs from the configured one when that is 0). */
  public int port() {
    return responder.address().getPort();
  }

  public Future<Void> stop() {
    return Future.fromCompletionStage(responder.stop(), vertx.getOrCreateContext());
  }

  /**
   * Docker names its default network's bridge {@code docker0}; Shoal's pod network uses {@code
   * shoal0}.
   */
  public static String bridgeDevice(String dockerNetwork) {
    return "bridge".equals(dockerNetwork) ? "docker0" : dockerNetwork + "0";
  }

  private static String bridgeAddress(String device) throws SocketException {
    NetworkInterface nic = NetworkInterface.getByName(device);
    if (nic == null) {
      throw new IllegalStateException("no interface " + device + " (set --dns-host)");
    }
    for (InetAddress candidate : Collections.list(nic.getInetAddresses())) {
      if (candidate instanceof Inet4Address) {
        return candidate.getHostAddress();
      }
    }
    throw new IllegalStateException(
        "interface " + device + " has no IPv4 address (set --dns-host)");
  }
}
