package dev.shoal.dns.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Writes the parts every answer shares: the header, the echoed question, the OPT record, short
 * answers.
 */
public final class ResponseWriter {
  private static final int ECHOED_FLAGS =
      DnsWire.OPCODE_MASK | DnsWire.FLAG_RD | 0x0010; // opcode, RD, CD

  private ResponseWriter() {}

  /** Response flags for a query's flags: QR and RA set, opcode, RD and CD echoed. */
  public static int flags(int queryFlags, int rcode, boolean authoritative) {
    return DnsWire.FLAG_QR
        | DnsWire.FLAG_RA
        | (queryFlags & ECHOED_FLAGS)
        | (authoritative ? DnsWire.FLAG_AA : 0)
        | (rcode & 0xf);
  }

  public static void header(ByteBuf out, int id, int flags, int qd, int an, int ns, int ar) {
    out.writeShort(id)
        .writeShort(flags)
        .writeShort(qd)
        .writeShort(an)
        .writeShort(ns)
        .writeShort(ar);
  }

  /**
   * An OPT record advertising {@code payload} bytes, with the upper 8 bits of an extended rcode.
   */
  public static void opt(ByteBuf out, int payload, int extendedRcodeHigh) {
    out.writeByte(0)
        .writeShort(DnsWire.TYPE_OPT)
        .writeShort(payload)
        .writeInt(extendedRcodeHigh << 24)
        .writeShort(0);
  }

  /**
   * Header-only answer (no question) built from the first 12 bytes of a message that could not be
   * parsed, or whose opcode we do not implement. Returns null when not even a header is there.
   */
  public static ByteBuf headerOnly(ByteBufAllocator alloc, ByteBuf query, int rcode) {
    if (query.readableBytes() < DnsWire.HEADER_LENGTH) {
      return null;
    }
    int start = query.readerIndex();
    ByteBuf out = alloc.ioBuffer(DnsWire.HEADER_LENGTH);
    header(
        out,
        query.getUnsignedShort(start),
        flags(query.getUnsignedShort(start + 2), rcode, false),
        0,
        0,
        0,
        0);
    return out;
  }

  /**
   * An answer carrying only the question (and an OPT when the query had one): SERVFAIL, REFUSED,
   * BADVERS, or a truncated (TC) answer when {@code truncated} is set.
   */
  public static ByteBuf questionOnly(
      ByteBufAllocator alloc,
      ByteBuf query,
      Query q,
      int rcode,
      int extendedHigh,
      boolean authoritative,
      boolean truncated,
      int serverPayload) {
    ByteBuf out = alloc.ioBuffer(DnsWire.HEADER_LENGTH + q.questionLength() + DnsWire.OPT_LENGTH);
    int flags = flags(q.flags(), rcode, authoritative) | (truncated ? DnsWire.FLAG_TC : 0);
    header(out, q.id(), flags, 1, 0, 0, q.edns() ? 1 : 0);
    out.writeBytes(query, query.readerIndex() + DnsWire.HEADER_LENGTH, q.questionLength());
    if (q.edns()) {
      opt(out, serverPayload, extendedHigh);
    }
    return out;
  }
}
