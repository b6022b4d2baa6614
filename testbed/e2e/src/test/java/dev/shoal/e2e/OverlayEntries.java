package dev.shoal.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one host's kernel holds on the overlay's VXLAN device ({@code shoal-vx0}), read with {@code
 * ip -j} and {@code bridge -j} in the host's namespace: per remote node a route to its pod subnet,
 * a permanent neighbour for its VTEP IP (the subnet's network address) and an FDB entry toward its
 * underlay address.
 *
 * @param routes destinations of the routes on the device, e.g. {@code 198.18.3.0/24}
 * @param neighbours IPs of the permanent neighbour entries
 * @param fdbDsts underlay destinations of the FDB entries
 */
record OverlayEntries(Set<String> routes, Set<String> neighbours, Set<String> fdbDsts) {

  static final String DEVICE = "shoal-vx0";
  private static final ObjectMapper JSON = new ObjectMapper();

  static OverlayEntries of(Testbed testbed, Host host) {
    Set<String> routes = new TreeSet<>();
    read(testbed.exec(host, "ip", "-j", "route", "show", "dev", DEVICE))
        .forEach(r -> routes.add(r.path("dst").asText()));
    Set<String> neighbours = new TreeSet<>();
    read(testbed.exec(host, "ip", "-j", "neigh", "show", "dev", DEVICE))
        .forEach(
            n -> {
              if (n.path("state").toString().contains("PERMANENT")) {
                neighbours.add(n.path("dst").asText());
              }
            });
    Set<String> fdb = new TreeSet<>();
    read(testbed.exec(host, "bridge", "-j", "fdb", "show", "dev", DEVICE))
        .forEach(
            e -> {
              if (e.hasNonNull("dst")) {
                fdb.add(e.path("dst").asText());
              }
            });
    return new OverlayEntries(routes, neighbours, fdb);
  }

  /**
   * Route, neighbour and FDB entry toward the node with this pod subnet and underlay address all
   * present.
   */
  boolean reaches(String podCidr, String underlayIp) {
    return routes.contains(podCidr)
        && neighbours.contains(vtepIp(podCidr))
        && fdbDsts.contains(underlayIp);
  }

  /** None of the three entries toward that node left. */
  boolean forgot(String podCidr, String underlayIp) {
    return !routes.contains(podCidr)
        && !neighbours.contains(vtepIp(podCidr))
        && !fdbDsts.contains(underlayIp);
  }

  private static String vtepIp(String podCidr) {
    return podCidr.substring(0, podCidr.indexOf('/'));
  }

  private static JsonNode read(String json) {
    try {
      return json.isBlank() ? JSON.createArrayNode() : JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
