package dev.shoal.dns.support;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/** Hand-built query messages, byte by byte, so tests can also build broken ones. */
public final class Queries {
  private Queries() {}

  /** A standard query with RD set; an OPT record when {@code ednsPayload} > 0. */
  public static ByteBuf query(int id, String name, int type, int ednsPayload) {
    return query(id, 0x0100, name, type, 1, ednsPayload, 0);
  }

  public static ByteBuf query(
      int id, int flags, String name, int type, int qclass, int ednsPayload, int ednsVersion) {
    ByteBuf b = Unpooled.buffer();
    b.writeShort(id)
        .writeShort(flags)
        .writeShort(1)
        .writeShort(0)
        .writeShort(0)
        .writeShort(ednsPayload > 0 ? 1 : 0);
    name(b, name);
    b.writeShort(type).writeShort(qclass);
    if (ednsPayload > 0) {
      b.writeByte(0)
          .writeShort(41)
          .writeShort(ednsPayload)
          .writeByte(0)
          .writeByte(ednsVersion)
          .writeShort(0)
          .writeShort(0);
    }
    return b;
  }

  public static void name(ByteBuf b, String name) {
    for (String label : name.split("\\.")) {
      if (!label.isEmpty()) {
        byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
        b.writeByte(bytes.length).writeBytes(bytes);
      }
    }
    b.writeByte(0);
  }

  public static byte[] bytes(ByteBuf b) {
    byte[] out = new byte[b.readableBytes()];
    b.getBytes(b.readerIndex(), out);
    return out;
  }
}
