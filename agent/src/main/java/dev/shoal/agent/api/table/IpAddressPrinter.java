package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.IPAddress;
import dev.shoal.manifests.model.ParentReference;
import java.time.Instant;
import java.util.List;

/** {@code NAME PARENTREF}: the object holding the address, e.g. {@code services/ns/web}. */
final class IpAddressPrinter implements Printer<IPAddress> {

  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(), Column.text("ParentRef", "The object this IP address belongs to"));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(IPAddress ip, Instant now) {
    ParentReference ref = ip.spec() == null ? null : ip.spec().parentRef();
    String parent = "";
    if (ref != null) {
      String group = ref.group() == null || ref.group().isEmpty() ? "" : "." + ref.group();
      String namespace =
          ref.namespace() == null || ref.namespace().isEmpty() ? "" : ref.namespace() + "/";
      parent = Cells.orEmpty(ref.resource()) + group + "/" + namespace + Cells.orEmpty(ref.name());
    }
    return List.of(ip.metadata().name(), parent);
  }
}
