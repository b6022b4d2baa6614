package dev.shoal.agent.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.shoal.agent.control.TestObjects;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodScheduledWritesTest {

  private final Pod pending = TestObjects.pod("ns", "p", Map.of());

  @Test
  void bindsOnlyAnUnboundPodThatIsNotBeingDeleted() {
    Pod bound = (Pod) PodScheduledWrites.bind("n1", Instant.EPOCH).apply(pending);
    assertEquals("n1", bound.spec().nodeName());
    assertEquals("True", PodScheduledWrites.condition(bound.status()).status());
    assertEquals("Pending", bound.status().phase());

    assertSame(
        bound,
        PodScheduledWrites.bind("n2", Instant.EPOCH).apply(bound),
        "someone else bound it first");
    Resource deleting = pending.withMetadata(pending.metadata().withDeletion(Instant.EPOCH, 30L));
    assertSame(deleting, PodScheduledWrites.bind("n1", Instant.EPOCH).apply(deleting));
  }

  @Test
  void writesTheUnschedulableConditionOnlyWhenItChanges() {
    Pod refused =
        (Pod)
            PodScheduledWrites.unschedulable(
                    "0/1 nodes are available: 1 Too many pods.", Instant.EPOCH)
                .apply(pending);
    assertEquals("Unschedulable", PodScheduledWrites.condition(refused.status()).reason());
    assertSame(
        refused,
        PodScheduledWrites.unschedulable("0/1 nodes are available: 1 Too many pods.", Instant.now())
            .apply(refused));
    Pod bound = (Pod) PodScheduledWrites.bind("n1", Instant.EPOCH).apply(refused);
    assertEquals(1, bound.status().conditions().size(), "PodScheduled replaced, not duplicated");
  }
}
