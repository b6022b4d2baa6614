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

  /** Key bytes 0, 1, ..., 31: the key of the fixed vectors below. */
  private static byte[] countingKey() {
    return java.util.HexFormat.of()
        .parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  }

  @Test
  void aValueSealedBeforeThePrimitiveWasSharedStillOpens() throws Exception {
    // Sealed by AtRestKey's own AES-GCM code as it was before KeySeal and it shared one primitive.
    String sealedByTheOldCode =
        "shoal-aes256gcm-v1:oGepXw0SaYJCcxQmuotHFWazKM81xBMSSWmxAMcmfMU10p3R9UyTTc5AektrvMCY4l55070ojoR1AUOwDXY=";
    AtRestKey key = AtRestKey.of(countingKey());
    assertEquals(
        "sealed before the shared primitive", key.open(sealedByTheOldCode, "Secret/shop/db"));
    assertThrows(
        GeneralSecurityException.class,
        () -> key.open(sealedByTheOldCode, "Secret/shop/web"),
        "the object key is still authenticated");
  }

  @Test
  void sealedTextIsNonceThenCiphertextAndTagAfterThePrefix() throws Exception {
    AtRestKey key = AtRestKey.of(countingKey());
    String sealed = key.seal("abc", "ctx");
    byte[] raw =
        java.util.Base64.getDecoder().decode(sealed.substring("shoal-aes256gcm-v1:".length()));
    assertEquals(12 + 3 + 16, raw.length, "12-byte nonce, 3 bytes of text, 16-byte tag");
    assertEquals(
        "abc",
        new String(
            key.openBytes(
                sealed.substring("shoal-aes256gcm-v1:".length()),
                "ctx".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            java.nio.charset.StandardCharsets.UTF_8),
        "the prefixed text is the shared primitive's text behind a prefix");
    assertThrows(
        GeneralSecurityException.class,
        () -> key.open(sealed.substring("shoal-aes256gcm-v1:".length()), "ctx"),
        "without the prefix it is not the store's format");
  }
}
