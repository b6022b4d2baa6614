package dev.shoal.agent.node;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/** This host's address as other nodes and pods see it. */
public final class HostAddress {

  private HostAddress() {}

  /**
   * The configured address when it names one host, else the first IPv4 address of an interface that
   * is up and not a loopback, else loopback.
   */
  public static String detect(String configured) {
    if (configured != null
        && !configured.isBlank()
        && !configured.equals("0.0.0.0")
        && !configured.startsWith("127.")) {
      return configured;
    }
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp()
            || nic.isLoopback()
            || nic.getName().startsWith("docker")
            || nic.getName().startsWith("veth")) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address) {
            return address.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      // fall through to loopback
    }
    return "127.0.0.1";
  }
}
