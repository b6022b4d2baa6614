package dev.shoal.dns.forward;

import java.security.SecureRandom;

/**
 * Unpredictable numbers for the forwarder: query ids and the choice of source port. An off-path
 * attacker who wants to slip a forged answer in has to guess both, so they come from a {@link
 * SecureRandom}, not from a generator whose next output follows from the last ones. Bytes are drawn
 * in blocks, so an id costs a few array reads. Not thread-safe: used on the responder's event loop
 * only.
 */
final class RandomBits {
  private static final int BLOCK = 1024;
  private final SecureRandom random;
  private final byte[] block = new byte[BLOCK];
  private int next = BLOCK;

  RandomBits(SecureRandom random) {
    this.random = random;
  }

  RandomBits() {
    this(new SecureRandom());
  }

  /** 16 random bits: 0 to 65535. */
  int next16() {
    if (next + 2 > BLOCK) {
      random.nextBytes(block);
      next = 0;
    }
    int value = (block[next] & 0xff) << 8 | (block[next + 1] & 0xff);
    next += 2;
    return value;
  }

  /**
   * Uniform in [0, bound) for 1 <= bound <= 65536 (rejection sampling, so no value is favoured).
   */
  int below(int bound) {
    if (bound < 1 || bound > 65536) {
      throw new IllegalArgumentException("bound " + bound);
    }
    int limit = 65536 - 65536 % bound;
    int value;
    do {
      value = next16();
    } while (value >= limit);
    return value % bound;
  }
}
