package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.EndpointAddress;
import dev.shoal.manifests.model.EndpointPort;
import dev.shoal.manifests.model.EndpointSubset;
import dev.shoal.manifests.model.Endpoints;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code NAME ENDPOINTS AGE}: the first three ready {@code ip:port}s, then how many more. */
final class EndpointsPrinter implements Printer<Endpoints> {

  private static final int SHOWN = 3;

  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.text("Endpoints", "The set of all endpoints is the union of all subsets."),
          Column.age());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(Endpoints endpoints, Instant now) {
    return List.of(
        endpoints.metadata().name(),
        addresses(endpoints.subsets()),
        Ages.since(endpoints.metadata().creationTimestamp(), now));
  }

  static String addresses(List<EndpointSubset> subsets) {
    if (subsets == null || subsets.isEmpty()) {
      return Cells.NONE;
    }
    List<String> shown = new ArrayList<>();
    int total = 0;
    for (EndpointSubset subset : subsets) {
      List<EndpointAddress> ready = subset.addresses() == null ? List.of() : subset.addresses();
      List<EndpointPort> ports = subset.ports() == null ? List.of() : subset.ports();
      if (ports.isEmpty()) { // a headless service without ports
        total += ready.size();
        ready.stream().limit(SHOWN - shown.size()).forEach(a -> shown.add(a.ip()));
        continue;
      }
      for (EndpointPort port : ports) {
        total += ready.size();
        ready.stream()
            .limit(SHOWN - shown.size())
            .forEach(a -> shown.add(hostPort(a.ip(), port.port())));
      }
    }
    String text = String.join(",", shown);
    return total > SHOWN ? text + " + " + (total - SHOWN) + " more..." : text;
  }

  private static String hostPort(String ip, Integer port) {
    String host = ip != null && ip.contains(":") ? "[" + ip + "]" : ip;
    return host + ":" + (port == null ? 0 : port);
  }
}
