package dev.shoal.dns.wire;

import io.netty.buffer.ByteBuf;

/**
 * Reads one query message, strictly and without throwing: every length and count is checked against
 * the bytes present, so truncated packets, huge counts and compression loops end in {@link
 * #FORMERR} rather than an exception. The question name must not be compressed (no real client does
 * that), which removes pointer loops from the only name that is followed; other names are skipped,
 * never followed.
 */
public final class QueryParser {
  /** The message is a well-formed query with one question. */
  public static final int OK = 0;

  /** Not worth an answer: shorter than a header, or a response (QR set). */
  public static final int DROP = -1;

  public static final int FORMERR = DnsWire.RCODE_FORMERR;
  public static final int NOTIMP = DnsWire.RCODE_NOTIMP;

  private static final int MAX_NAME = 255;
  private final StringBuilder name = new StringBuilder(64);

  /** Parses the readable bytes of {@code msg} (indices are not moved) into {@code q}. */
  public int parse(ByteBuf msg, Query q) {
    int start = msg.readerIndex();
    int len = msg.readableBytes();
    q.messageLength = len;
    q.edns = false;
    q.ednsVersion = 0;
    q.ednsPayload = 0;
    q.dnssecOk = false;
    q.name = null;
    if (len < DnsWire.HEADER_LENGTH) {
      return DROP;
    }
    q.id = msg.getUnsignedShort(start);
    q.flags = msg.getUnsignedShort(start + 2);
    if ((q.flags & DnsWire.FLAG_QR) != 0) {
      return DROP;
    }
    if ((q.flags & DnsWire.OPCODE_MASK) != 0) {
      return NOTIMP;
    }
    int qd = msg.getUnsignedShort(start + 4);
    int an = msg.getUnsignedShort(start + 6);
    int ns = msg.getUnsignedShort(start + 8);
    int ar = msg.getUnsignedShort(start + 10);
    if (qd != 1) {
      return FORMERR;
    }
    int end = start + len;
    int pos = readQuestionName(msg, start + DnsWire.HEADER_LENGTH, end);
    if (pos < 0 || pos + 4 > end) {
      return FORMERR;
    }
    q.name = name.toString();
    q.type = msg.getUnsignedShort(pos);
    q.qclass = msg.getUnsignedShort(pos + 2);
    pos += 4;
    q.questionLength = pos - start - DnsWire.HEADER_LENGTH;
    for (int i = 0; i < an + ns && pos >= 0; i++) {
      pos = skipRecord(msg, pos, end);
    }
    for (int i = 0; i < ar && pos >= 0; i++) {
      pos = readAdditional(msg, pos, end, q);
    }
    return pos == end ? OK : FORMERR;
  }

  private int readQuestionName(ByteBuf msg, int pos, int end) {
    name.setLength(0);
    int wire = 0;
    while (pos < end) {
      int labelLength = msg.getUnsignedByte(pos++);
      wire += 1 + labelLength;
      if (labelLength == 0) {
        return wire <= MAX_NAME ? pos : -1;
      }
      if (labelLength > 63 || wire > MAX_NAME || pos + labelLength > end) {
        return -1; // compression pointers, extended label types, over-long names, truncation
      }
      if (name.length() > 0) {
        name.append('.');
      }
      for (int i = 0; i < labelLength; i++) {
        appendLower(msg.getUnsignedByte(pos + i));
      }
      pos += labelLength;
    }
    return -1;
  }

  /**
   * Lower-cases letters; escapes bytes that would make two different names equal (dot, backslash,
   * non-printing).
   */
  private void appendLower(int b) {
    if (b >= 'A' && b <= 'Z') {
      name.append((char) (b + 32));
    } else if (b > 0x20 && b < 0x7f && b != '.' && b != '\\') {
      name.append((char) b);
    } else {
      name.append('\\')
          .append((char) ('0' + b / 100))
          .append((char) ('0' + b / 10 % 10))
          .append((char) ('0' + b % 10));
    }
  }

  /**
   * Skips a possibly compressed name without following pointers; returns the next position or -1.
   */
  public static int skipName(ByteBuf msg, int pos, int end) {
    int wire = 0;
    while (pos < end) {
      int b = msg.getUnsignedByte(pos);
      if (b == 0) {
        return pos + 1;
      }
      if ((b & 0xC0) == 0xC0) {
        return pos + 2 <= end ? pos + 2 : -1;
      }
      if (b > 63) {
        return -1;
      }
      wire += 1 + b;
      if (wire > MAX_NAME) {
        return -1;
      }
      pos += 1 + b;
    }
    return -1;
  }

  /** Skips one resource record; returns the next position or -1. */
  public static int skipRecord(ByteBuf msg, int pos, int end) {
    pos = skipName(msg, pos, end);
    if (pos < 0 || pos + 10 > end) {
      return -1;
    }
    int next = pos + 10 + msg.getUnsignedShort(pos + 8);
    return next <= end ? next : -1;
  }

  private static int readAdditional(ByteBuf msg, int pos, int end, Query q) {
    int nameEnd = skipName(msg, pos, end);
    if (nameEnd < 0 || nameEnd + 10 > end) {
      return -1;
    }
    int next = nameEnd + 10 + msg.getUnsignedShort(nameEnd + 8);
    if (next > end) {
      return -1;
    }
    if (msg.getUnsignedShort(nameEnd) != DnsWire.TYPE_OPT) {
      return next;
    }
    if (q.edns || nameEnd != pos + 1) {
      return -1; // a second OPT, or an OPT whose owner is not the root
    }
    q.edns = true;
    q.ednsPayload = msg.getUnsignedShort(nameEnd + 2);
    q.ednsVersion = msg.getUnsignedByte(nameEnd + 5);
    q.dnssecOk = (msg.getUnsignedShort(nameEnd + 6) & 0x8000) != 0;
    return next;
  }
}
