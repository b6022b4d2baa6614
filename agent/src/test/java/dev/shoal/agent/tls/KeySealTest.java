package dev.shoal.agent.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The cluster CA's sealed key: still readable after KeySeal moved onto the store's primitive. */
class KeySealTest {
  private static final byte[] CERTIFICATE =
      "-----BEGIN CERTIFICATE-----".getBytes(StandardCharsets.US_ASCII);

  private static byte[] countingKey() {
    return java.util.HexFormat.of()
        .parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  }

  @Test
  void aKeySealedByTheOldCodeStillOpens() throws Exception {
    // Sealed by KeySeal's own AES-GCM code as it was before it shared AtRestKey's primitive.
    String sealedByTheOldCode = "6I7OlhgOmJHLKCDK1WsZ1ESyf+MgsoTnnitzQc3PSDau+ALLz1/k8g==";
    assertArrayEquals(
        "ca key bytes".getBytes(StandardCharsets.UTF_8),
        KeySeal.open(countingKey(), sealedByTheOldCode, CERTIFICATE));
  }

  @Test
  void aRoundTripWithAFreshNonceEachTime() throws Exception {
    byte[] plain = "a private key".getBytes(StandardCharsets.UTF_8);
    String a = KeySeal.seal(countingKey(), plain, CERTIFICATE);
    String b = KeySeal.seal(countingKey(), plain, CERTIFICATE);
    assertNotEquals(a, b);
    assertArrayEquals(plain, KeySeal.open(countingKey(), a, CERTIFICATE));
  }

  @Test
  void aWrongKeyAnotherCertificateOrAlteredTextDoNotOpen() {
    String sealed = KeySeal.seal(countingKey(), new byte[] {1, 2, 3}, CERTIFICATE);
    byte[] other = countingKey();
    other[0] ^= 1;
    assertThrows(GeneralSecurityException.class, () -> KeySeal.open(other, sealed, CERTIFICATE));
    assertThrows(
        GeneralSecurityException.class,
        () ->
            KeySeal.open(
                countingKey(), sealed, "another certificate".getBytes(StandardCharsets.US_ASCII)));
    byte[] raw = Base64.getDecoder().decode(sealed);
    raw[raw.length - 1] ^= 1;
    assertThrows(
        GeneralSecurityException.class,
        () -> KeySeal.open(countingKey(), Base64.getEncoder().encodeToString(raw), CERTIFICATE));
    assertThrows(
        GeneralSecurityException.class,
        () -> KeySeal.open(countingKey(), "not base64!", CERTIFICATE));
  }
}
