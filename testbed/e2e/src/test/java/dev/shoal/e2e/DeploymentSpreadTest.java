package dev.shoal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Deployment submitted to one host spreads its replicas evenly over the three hosts. */
class DeploymentSpreadTest extends ThreeHostTestbed {

  @Test
  void sixReplicasSpreadTwoPerHostAndBecomeReady() {
    List<PodView> pods = deploySleepers(api(2));

    assertEquals(Map.of("h1", 2L, "h2", 2L, "h3", 2L), perNode(pods), "replicas per node");
    for (Host host : hosts) {
      assertEquals(2, appContainers(host), "running app containers in " + host.name() + "'s engine");
    }
    for (ShoalApi other : apis) {
      assertEquals(pods.stream().map(PodView::uid).sorted().toList(),
          serving(other).stream().map(PodView::uid).sorted().toList(), other.host().name() + "'s view of the pods");
    }
  }
}
