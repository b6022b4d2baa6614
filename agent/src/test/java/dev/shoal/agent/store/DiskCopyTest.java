package dev.shoal.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCopyTest {

  static AtRestKey randomKey() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return AtRestKey.of(raw);
  }

  @Test
  void keepsTheNewestFormOfEachObjectAndReSyncsToTheCluster(@TempDir Path dir) throws Exception {
    ObjectKey longName = new ObjectKey("Pod", "default", "p".repeat(253));
    ObjectKey node = new ObjectKey("Node", "", "host-a");
    ObjectKey gone = new ObjectKey("Pod", "default", "gone");
    AtRestKey key = randomKey();
    try (DiskCopy copy = new DiskCopy(dir, key)) {
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
    try (DiskCopy reopened = new DiskCopy(dir, key)) {
      assertEquals(1, reopened.load().size());
    }
  }

  @Test
  void secretsAreSealedOnDiskAndComeBackOnRestore(@TempDir Path dir) throws Exception {
    String value = "correct horse battery staple";
    String base64 = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    String stored = "7 L\n{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\"},"
        + "\"data\":{\"password\":\"" + base64 + "\"},\"note\":\"" + value + "\"}";
    ObjectKey secret = new ObjectKey("Secret", "default", "db");
    AtRestKey key = AtRestKey.loadOrCreate(dir.resolve("at-rest.key"));
    try (DiskCopy copy = new DiskCopy(dir.resolve("store"), key)) {
      copy.changed(secret, 7, false, stored);
      copy.changed(secret, 7, false, stored);
      copy.flush().join();
    }
    String onDisk = onlyFile(dir.resolve("store"));
    assertFalse(onDisk.contains(value), onDisk);
    assertFalse(onDisk.contains(base64), onDisk);
    assertFalse(onDisk.contains("password"), "not even the key names: " + onDisk);
    assertTrue(onDisk.startsWith("Secret/default/db\n"), onDisk);

    // A restart reads the same key file and gets the secret back.
    try (DiskCopy reopened = new DiskCopy(dir.resolve("store"), AtRestKey.loadOrCreate(dir.resolve("at-rest.key")))) {
      assertEquals(Map.of(secret, stored), reopened.load());
    }
    // Another key does not open it (the object is left out, not garbled).
    try (DiskCopy other = new DiskCopy(dir.resolve("store"), randomKey())) {
      assertEquals(Map.of(), other.load());
    }
  }

  @Test
  void anOlderPlainCopyOfASecretIsStillRead(@TempDir Path dir) throws Exception {
    ObjectKey secret = new ObjectKey("Secret", "default", "old");
    Files.writeString(dir.resolve("0123.obj"), "Secret/default/old\n3 L\n{\"data\":{\"a\":\"YQ==\"}}");
    try (DiskCopy copy = new DiskCopy(dir, randomKey())) {
      assertEquals(Map.of(secret, "3 L\n{\"data\":{\"a\":\"YQ==\"}}"), copy.load());
    }
  }

  private static String onlyFile(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      var all = files.toList();
      assertEquals(1, all.size(), all::toString);
      return Files.readString(all.get(0));
    }
  }
}
