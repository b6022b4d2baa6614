package dev.shoal.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCopyTest {

  @Test
  void keepsTheNewestFormOfEachObjectAndReSyncsToTheCluster(@TempDir Path dir) throws Exception {
    ObjectKey longName = new ObjectKey("Pod", "default", "p".repeat(253));
    ObjectKey node = new ObjectKey("Node", "", "host-a");
    ObjectKey gone = new ObjectKey("Pod", "default", "gone");
    try (DiskCopy copy = new DiskCopy(dir)) {
      copy.changed(longName, 1, false, "1 L\n{\"a\":1}");
      copy.changed(longName, 2, false, "2 L\n{\"a\":2}");
      copy.changed(node, 3, false, "3 L\n{}");
      copy.changed(gone, 4, false, "4 L\n{}");
      copy.flush().join();
      assertEquals(Map.of(longName, "2 L\n{\"a\":2}", node, "3 L\n{}", gone, "4 L\n{}"), copy.load());

      copy.forget(node);
      copy.beginResync();
      copy.changed(longName, 2, false, "2 L\n{\"a\":2}");
      copy.endResync();
      copy.flush().join();
      assertEquals(Map.of(longName, "2 L\n{\"a\":2}"), copy.load());
    }
    try (DiskCopy reopened = new DiskCopy(dir)) {
      assertEquals(1, reopened.load().size());
    }
  }
}
