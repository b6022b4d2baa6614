package dev.shoal.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The local replica when changes of different objects arrive out of version order, as they do in a
 * cluster.
 */
class LocalViewTest {

  private final WatchHub hub = new WatchHub(100);
  private final List<String> written = new ArrayList<>();
  private final LocalView view =
      new LocalView(
          hub, (key, version, deleted, stored) -> written.add(key.name() + "@" + version));

  private static Resource pod(String namespace, String name, long version) {
    return new Pod(
        ObjectMeta.named(namespace, name).withResourceVersion(Long.toString(version)), null, null);
  }

  private boolean apply(String name, long version, boolean deleted) {
    return view.apply(
        new ObjectKey("Pod", "ns", name), version, deleted, pod("ns", name, version), "stored");
  }

  @Test
  void olderChangesOfAnObjectAreDroppedAndDeletionsStick() {
    view.startPublishing();
    assertTrue(apply("a", 5, false));
    assertFalse(apply("a", 4, false), "late older change");
    assertTrue(apply("a", 7, true));
    assertFalse(apply("a", 6, false), "late change after the deletion");
    assertTrue(view.list("Pod", "ns").isEmpty());
    assertEquals(List.of("a@5", "a@7"), written);
  }

  @Test
  void aListingAndAWatchFromItsVersionFitTogetherWhateverTheArrivalOrder() {
    view.startPublishing();
    apply("b", 10, false);
    apply("a", 8, false);
    ClusterStore.Listing listing = view.listing("Pod", null);
    assertEquals(10, listing.version());
    assertEquals(
        List.of("a", "b"), listing.items().stream().map(r -> r.metadata().name()).toList());
    apply("c", 9, false);
    apply("d", 11, false);
    List<String> seen = new ArrayList<>();
    hub.subscribe(
        "Pod", null, listing.version(), null, event -> seen.add(event.object().metadata().name()));
    assertTrue(
        seen.containsAll(List.of("c", "d")),
        "c arrived after the listing although its version is older: " + seen);
    assertEquals(
        List.of("a", "c", "d"),
        seen,
        "a may be repeated (it arrived late, before the listing), never lost");
  }

  @Test
  void listsByNamespaceAndKeepsClusterScopedApart() {
    view.startPublishing();
    view.apply(new ObjectKey("Pod", "ns", "a"), 1, false, pod("ns", "a", 1), "s");
    view.apply(new ObjectKey("Pod", "ns2", "b"), 2, false, pod("ns2", "b", 2), "s");
    view.apply(new ObjectKey("Pod", "n", "c"), 3, false, pod("n", "c", 3), "s");
    assertEquals(
        List.of("a"), view.list("Pod", "ns").stream().map(r -> r.metadata().name()).toList());
    assertEquals(3, view.list("Pod", null).size());
    assertTrue(view.get(new ObjectKey("Pod", "ns2", "b")).isPresent());
  }

  @Test
  void aWatchFromBeforeTheInitialLoadIsGone() {
    apply("a", 40, false);
    view.startPublishing();
    assertEquals(40, view.version());
    StoreException gone =
        org.junit.jupiter.api.Assertions.assertThrows(
            StoreException.class, () -> hub.subscribe("Pod", null, 39, null, event -> {}));
    assertEquals(StoreException.Reason.GONE, gone.reason());
  }
}
