package dev.shoal.agent.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
      assertEquals(
          Map.of(longName, "2 L\n{\"a\":2}", node, "3 L\n{}", gone, "4 L\n{}"), copy.load());

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
    String stored =
        "7 L\n{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\"},"
            + "\"data\":{\"password\":\""
            + base64
            + "\"},\"note\":\""
            + value
            + "\"}";
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
    try (DiskCopy reopened =
        new DiskCopy(dir.resolve("store"), AtRestKey.loadOrCreate(dir.resolve("at-rest.key")))) {
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
    Files.writeString(
        dir.resolve("0123.obj"), "Secret/default/old\n3 L\n{\"data\":{\"a\":\"YQ==\"}}");
    try (DiskCopy copy = new DiskCopy(dir, randomKey())) {
      assertEquals(Map.of(secret, "3 L\n{\"data\":{\"a\":\"YQ==\"}}"), copy.load());
    }
  }

  /**
   * A power cut leaves a file cut short (its JSON ends mid-way), one empty, one of garbage bytes
   * and a temp file of a write that never got renamed: loading keeps the good entries, reports each
   * bad one with its file and reason and moves it into {@code corrupt/} (nothing is destroyed), and
   * forgets the temp file.
   */
  @Test
  void unreadableFilesAreSetAsideAndReportedAndTheRestLoads(@TempDir Path dir) throws Exception {
    ObjectKey good = new ObjectKey("Pod", "default", "good");
    ObjectKey cut = new ObjectKey("Pod", "default", "cut");
    AtRestKey key = randomKey();
    try (DiskCopy copy = new DiskCopy(dir, key)) {
      copy.changed(good, 1, false, "1 L\n{\"a\":1}");
      copy.changed(cut, 2, false, "2 L\n{\"a\":\"a long value that the power cut truncates\"}");
      copy.flush().join();
    }
    Path cutFile = fileOf(dir, "Pod/default/cut");
    byte[] whole = Files.readAllBytes(cutFile);
    Files.write(cutFile, java.util.Arrays.copyOf(whole, whole.length - 12));
    Files.write(dir.resolve("00empty.obj"), new byte[0]);
    Files.write(
        dir.resolve("00garbage.obj"),
        new byte[] {(byte) 0xff, (byte) 0xfe, 0, 7, '\n', (byte) 0xc3});
    Files.writeString(dir.resolve("00half.obj.tmp"), "Pod/default/half\n3 L\n{");

    try (DiskCopy reopened = new DiskCopy(dir, key)) {
      DiskCopy.Loaded loaded = reopened.load(DiskCopyTest::mustBeJsonObject);
      assertEquals(Map.of(good, "1 L\n{\"a\":1}"), loaded.objects());
      Map<String, String> rejected = new java.util.TreeMap<>();
      loaded.rejected().forEach(r -> rejected.put(r.file().getFileName().toString(), r.reason()));
      assertEquals(
          java.util.Set.of("00empty.obj", "00garbage.obj", cutFile.getFileName().toString()),
          rejected.keySet(),
          rejected::toString);
      rejected.values().forEach(reason -> assertFalse(reason.isBlank()));
      for (DiskCopy.Rejected r : loaded.rejected()) {
        assertFalse(Files.exists(r.file()), "moved out of the copy: " + r.file());
        assertTrue(
            Files.exists(dir.resolve(DiskCopy.CORRUPT_DIR).resolve(r.file().getFileName())),
            r::toString);
      }
      assertArrayEquals(
          java.util.Arrays.copyOf(whole, whole.length - 12),
          Files.readAllBytes(dir.resolve(DiskCopy.CORRUPT_DIR).resolve(cutFile.getFileName())),
          "kept as it was");
      assertFalse(Files.exists(dir.resolve("00half.obj.tmp")), "an unfinished write is forgotten");
      // A second load finds only the good entry: what was set aside stays aside.
      assertEquals(Map.of(good, "1 L\n{\"a\":1}"), reopened.load());
    }
  }

  private static void mustBeJsonObject(ObjectKey key, String stored) throws Exception {
    String json = stored.substring(stored.indexOf('\n') + 1);
    new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    if (!json.strip().endsWith("}")) {
      throw new IllegalArgumentException("not a whole object");
    }
  }

  private static Path fileOf(Path dir, String keyLine) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        if (Files.readString(file).startsWith(keyLine + "\n")) {
          return file;
        }
      }
    }
    throw new AssertionError("no file for " + keyLine);
  }

  private static String onlyFile(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      var all = files.toList();
      assertEquals(1, all.size(), all::toString);
      return Files.readString(all.get(0));
    }
  }
}
