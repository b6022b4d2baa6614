package dev.shoal.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The probes the service tests make: a shell script in a pod's app container (through its host's
 * engine), a pod's ready addresses in its Service's Endpoints, and a TCP connection from the
 * machine to an address (a NodePort) that reads what the server says first.
 */
final class Probes {
  private static final Testbed TESTBED = Testbed.locate();

  private Probes() {}

  /** The id of a running app container of the pod on the host; fails if there is none. */
  static String appContainer(Host host, String namespace, String pod) {
    return firstAppContainer(
        host, namespace, List.of("--filter", "label=dev.shoal.pod.name=" + pod));
  }

  /** The id of any running app container of the namespace on the host; fails if there is none. */
  static String anyAppContainer(Host host, String namespace) {
    return firstAppContainer(host, namespace, List.of());
  }

  /** Runs a shell script in the pod's app container on the given host; returns its stdout. */
  static String inPod(Host host, String namespace, String pod, String script) {
    return inContainer(host, appContainer(host, namespace, pod), script);
  }

  /** Runs a shell script in a container of the host's engine; returns its stdout. */
  static String inContainer(Host host, String container, String script) {
    return TESTBED.docker(host, "exec", container, "sh", "-c", script);
  }

  /** How many ready addresses the Service's Endpoints list (in their first subset), as via sees. */
  static int readyAddresses(ShoalApi via, String namespace, String service) {
    return via.get("/api/v1/namespaces/" + namespace + "/endpoints/" + service)
        .path("subsets")
        .path(0)
        .path("addresses")
        .size();
  }

  /**
   * The first line a server sends, "refused (...)" when the connection is refused, or the error.
   */
  static String firstLine(String ip, int port) {
    try (Socket socket = connect(ip, port, 3000)) {
      return new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
          .readLine();
    } catch (ConnectException e) {
      return "refused (" + e.getMessage() + ")";
    } catch (IOException e) {
      return "error " + e;
    }
  }

  /** Everything a server sends until it closes, trimmed; "" if the connection fails. */
  static String readAll(String ip, int port) {
    try (Socket socket = connect(ip, port, 2000)) {
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "";
    }
  }

  private static Socket connect(String ip, int port, int connectMillis) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(ip, port), connectMillis);
      socket.setSoTimeout(3000);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  private static String firstAppContainer(Host host, String namespace, List<String> more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "ps",
                "-q",
                "--filter",
                "label=dev.shoal.pod.namespace=" + namespace,
                "--filter",
                "label=dev.shoal.container.kind=app"));
    args.addAll(more);
    return TESTBED
        .docker(host, args.toArray(String[]::new))
        .lines()
        .filter(l -> !l.isBlank())
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no running app container in "
                        + namespace
                        + " "
                        + more
                        + " on "
                        + host.name()));
  }
}
