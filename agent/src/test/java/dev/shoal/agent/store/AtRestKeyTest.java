package dev.shoal.agent.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtRestKeyTest {

  @Test
  void madeOnceWithMode0600AndReusedAfter(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("data").resolve("at-rest.key");
    AtRestKey first = AtRestKey.loadOrCreate(file);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    byte[] before = Files.readAllBytes(file);
    String sealed = first.seal("hello", "Secret/ns/a");
    AtRestKey again = AtRestKey.loadOrCreate(file);
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals("hello", again.open(sealed, "Secret/ns/a"));
  }

  @Test
  void aRandomNoncePerWriteAndTheObjectKeyIsAuthenticated(@TempDir Path dir) throws Exception {
    AtRestKey key = AtRestKey.loadOrCreate(dir.resolve("k"));
    String a = key.seal("same text", "Secret/ns/a");
    String b = key.seal("same text", "Secret/ns/a");
    assertNotEquals(a, b);
    assertTrue(AtRestKey.isSealed(a));
    assertThrows(
        GeneralSecurityException.class,
        () -> key.open(a, "Secret/ns/b"),
        "moved to another object");
    String prefix = a.substring(0, a.indexOf(':') + 1);
    byte[] raw = java.util.Base64.getDecoder().decode(a.substring(prefix.length()));
    raw[raw.length / 2] ^= 1;
    String altered = prefix + java.util.Base64.getEncoder().encodeToString(raw);
    assertThrows(GeneralSecurityException.class, () -> key.open(altered, "Secret/ns/a"), "altered");
  }

  @Test
  void aCorruptKeyFileIsAClearError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("at-rest.key");
    Files.writeString(file, "not a key\n");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> AtRestKey.loadOrCreate(file));
    assertTrue(
        e.getMessage().contains(file.toString()) && e.getMessage().contains("corrupt"),
        e::getMessage);
  }

  @Test
  void anUnreadableKeyFileIsAClearError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("at-rest.key");
    Files.createDirectory(file); // a directory where the key should be: cannot be read as one
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> AtRestKey.loadOrCreate(file));
    assertTrue(
        e.getMessage().contains("cannot read or create the at-rest key " + file), e::getMessage);
  }
}
