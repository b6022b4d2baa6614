package dev.shoal.dns.zone;

import dev.shoal.dns.wire.DnsWire;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Encodes records once, at build time, so queries only copy bytes. */
final class RecordBytes {
  private RecordBytes() {}

  /** Everything after the owner name: type, class IN, TTL, RDLENGTH, RDATA. */
  static byte[] tail(int type, int ttl, byte[] rdata) {
    return ByteBuffer.allocate(10 + rdata.length)
        .putShort((short) type)
        .putShort((short) DnsWire.CLASS_IN)
        .putInt(ttl)
        .putShort((short) rdata.length)
        .put(rdata)
        .array();
  }

  static byte[] full(byte[] ownerWire, byte[] tail) {
    return ByteBuffer.allocate(ownerWire.length + tail.length).put(ownerWire).put(tail).array();
  }

  static byte[] srv(int priority, int weight, int port, byte[] targetWire) {
    return ByteBuffer.allocate(6 + targetWire.length)
        .putShort((short) priority)
        .putShort((short) weight)
        .putShort((short) port)
        .put(targetWire)
        .array();
  }

  static byte[] txt(String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(1 + b.length).put((byte) b.length).put(b).array();
  }

  static byte[] soa(byte[] mname, byte[] rname, int serial, int minimum) {
    return ByteBuffer.allocate(mname.length + rname.length + 20)
        .put(mname)
        .put(rname)
        .putInt(serial)
        .putInt(7200)
        .putInt(1800)
        .putInt(86400)
        .putInt(minimum)
        .array();
  }
}
