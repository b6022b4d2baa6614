package dev.shoal.dns.zone;

import io.netty.buffer.ByteBuf;

/**
 * The records of one type at one name, pre-encoded. Answers are written with a compression pointer
 * to the question name (offset 12), so the owner echoes the question's case for free. Multi-record
 * sets rotate their starting record on every use (round-robin); the racy cursor only ever affects
 * the order.
 */
public final class RRset {
  private static final int POINTER_TO_QUESTION = 0xC00C;
  private final int type;
  private final byte[][] tails;
  private final int answerBytes;
  private final byte[][] additional;
  private final int additionalBytes;
  private int cursor;

  RRset(int type, byte[][] tails, byte[][] additional) {
    this.type = type;
    this.tails = tails;
    this.additional = additional;
    int a = 0;
    for (byte[] t : tails) {
      a += 2 + t.length;
    }
    int b = 0;
    for (byte[] r : additional) {
      b += r.length;
    }
    this.answerBytes = a;
    this.additionalBytes = b;
  }

  public int type() {
    return type;
  }

  public int count() {
    return tails.length;
  }

  /** Bytes the answer records take in a message. */
  public int answerBytes() {
    return answerBytes;
  }

  public int additionalCount() {
    return additional.length;
  }

  public int additionalBytes() {
    return additionalBytes;
  }

  /** The record to start with this time; advances the rotation. */
  public int nextStart() {
    int n = tails.length;
    if (n == 1) {
      return 0;
    }
    int c = cursor;
    cursor = c + 1 >= n ? 0 : c + 1;
    return c < n ? c : 0;
  }

  public void writeAnswers(ByteBuf out, int start) {
    int n = tails.length;
    for (int i = 0; i < n; i++) {
      int k = start + i;
      out.writeShort(POINTER_TO_QUESTION).writeBytes(tails[k >= n ? k - n : k]);
    }
  }

  public void writeAdditional(ByteBuf out) {
    for (byte[] r : additional) {
      out.writeBytes(r);
    }
  }
}
