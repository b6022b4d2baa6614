package dev.shoal.overlay.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.overlay.nft.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AllowElementsTest {

  @Test
  void overlappingBoxesFlattenToTheirUnionWithoutOverlaps() {
    Random random = new Random(13);
    for (int round = 0; round < 80; round++) {
      List<Allowance> boxes = new ArrayList<>();
      int n = 1 + random.nextInt(8);
      for (int i = 0; i < n; i++) {
        long from = random.nextInt(64);
        long to = from + random.nextInt(16);
        int pf = random.nextInt(20);
        Protocol proto = random.nextInt(5) == 0 ? null : Protocol.values()[random.nextInt(3)];
        boxes.add(
            new Allowance(
                "p" + i,
                new IpRange(from, to),
                proto,
                proto == null ? null : new PortRange(pf, pf + random.nextInt(6))));
      }
      AllowElements flat = AllowElements.of(boxes);
      for (long ip = 0; ip < 90; ip++) {
        for (Protocol proto : Protocol.values()) {
          for (int port = 0; port < 30; port++) {
            final long a = ip;
            final int p = port;
            boolean want = boxes.stream().anyMatch(b -> b.allows(a, proto, p));
            assertEquals(want, flat.allows(ip, proto, port), boxes + " at " + ip + " " + port);
          }
        }
      }
      List<AllowElements.Ports> ports = flat.ports();
      for (int i = 0; i < ports.size(); i++) {
        for (int j = i + 1; j < ports.size(); j++) {
          AllowElements.Ports x = ports.get(i);
          AllowElements.Ports y = ports.get(j);
          boolean overlap =
              x.protocol() == y.protocol()
                  && x.peers().from() <= y.peers().to()
                  && y.peers().from() <= x.peers().to()
                  && x.ports().from() <= y.ports().to()
                  && y.ports().from() <= x.ports().to();
          assertFalse(overlap, x + " overlaps " + y);
        }
      }
    }
  }

  @Test
  void exceptCutsHolesOutOfABlock() {
    List<IpRange> r =
        PolicyEvaluator.ipBlock(
            new dev.shoal.manifests.model.IPBlock(
                "10.0.0.0/24", List.of("10.0.0.16/28", "10.0.0.255/32", "192.168.0.0/16")));
    assertEquals("[10.0.0.0-10.0.0.15, 10.0.0.32-10.0.0.254]", r.toString());
    assertTrue(
        PolicyEvaluator.ipBlock(new dev.shoal.manifests.model.IPBlock("bad", null)).isEmpty());
    assertEquals(
        "[10.0.0.0-10.0.0.255]",
        PolicyEvaluator.ipBlock(new dev.shoal.manifests.model.IPBlock("10.0.0.7/24", null))
            .toString());
  }
}
