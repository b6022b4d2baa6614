package dev.shoal.overlay.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** nft monitor output as nft 1.0.6 prints it, grouped into transactions. */
class MonitorBatchTest {

  @Test
  void groupsLinesIntoTransactionsWithTheirWriter() {
    MonitorBatch batch = new MonitorBatch("inet shoal");
    List<MonitorBatch.Changes> out = new ArrayList<>();
    for (String line :
        List.of(
            "delete rule inet shoal svc-a/b/c/tcp handle 39",
            "delete rule inet shoal svc-a/b/c/tcp handle 40",
            "delete set inet shoal __map0",
            "# new generation 3 by process 28143 (nft)",
            "delete element inet shoal service-ips { 198.19.0.10 . tcp . 80 : goto svc-a/b/c/tcp }",
            "add rule ip filter INPUT counter",
            "# new generation 4 by process 28151 (nft)",
            "add rule ip filter INPUT counter",
            "# new generation 5 by process 2 (iptables-nft)",
            "delete chain inet shoal ep-x",
            "delete table inet shoal",
            "# new generation 6 by process 28154 (nft)")) {
      batch.line(line).ifPresent(out::add);
    }
    assertEquals(
        List.of(
            new MonitorBatch.Changes(28143, Set.of("svc-a/b/c/tcp"), false),
            new MonitorBatch.Changes(28151, Set.of("service-ips"), false),
            new MonitorBatch.Changes(28154, Set.of(), true)),
        out);
  }
}
