package dev.shoal.agent.network;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/** The IPv4 addresses of this host's interfaces that are up (loopback included, link-local not). */
public final class LocalAddresses {

  private LocalAddresses() {}

  public static List<String> ipv4() throws SocketException {
    TreeSet<String> out = new TreeSet<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
          out.add(address.getHostAddress());
        }
      }
    }
    return List.copyOf(out);
  }
}
