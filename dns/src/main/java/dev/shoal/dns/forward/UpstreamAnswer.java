package dev.shoal.dns.forward;

import dev.shoal.dns.wire.DnsWire;
import dev.shoal.dns.wire.QueryParser;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * An upstream response checked for shape: the offsets of its TTL fields (so a cached copy can age),
 * and how long it may be cached (0 = not at all).
 */
final class UpstreamAnswer {
  final byte[] message;
  final int[] ttlOffsets;
  final int cacheSeconds;

  private UpstreamAnswer(byte[] message, int[] ttlOffsets, int cacheSeconds) {
    this.message = message;
    this.ttlOffsets = ttlOffsets;
    this.cacheSeconds = cacheSeconds;
  }

  /** Reads {@code msg}; null when it is not a well-formed response. */
  static UpstreamAnswer read(ByteBuf msg, int maxCacheSeconds) {
    int start = msg.readerIndex();
    int end = msg.writerIndex();
    if (end - start < DnsWire.HEADER_LENGTH) {
      return null;
    }
    int flags = msg.getUnsignedShort(start + 2);
    int qd = msg.getUnsignedShort(start + 4);
    int an = msg.getUnsignedShort(start + 6);
    int ns = msg.getUnsignedShort(start + 8);
    int ar = msg.getUnsignedShort(start + 10);
    if ((flags & DnsWire.FLAG_QR) == 0 || qd != 1) {
      return null;
    }
    int pos = QueryParser.skipName(msg, start + DnsWire.HEADER_LENGTH, end);
    if (pos < 0 || pos + 4 > end) {
      return null;
    }
    pos += 4;
    int[] offsets = new int[an + ns + ar];
    int count = 0;
    long minTtl = Long.MAX_VALUE;
    long negativeTtl = -1;
    for (int i = 0; i < an + ns + ar; i++) {
      int nameEnd = QueryParser.skipName(msg, pos, end);
      int next = QueryParser.skipRecord(msg, pos, end);
      if (nameEnd < 0 || next < 0) {
        return null;
      }
      int type = msg.getUnsignedShort(nameEnd);
      if (type != DnsWire.TYPE_OPT) {
        long ttl = msg.getUnsignedInt(nameEnd + 4);
        offsets[count++] = nameEnd + 4 - start;
        if (i < an + ns) {
          minTtl = Math.min(minTtl, ttl);
        }
        if (type == DnsWire.TYPE_SOA && i >= an && i < an + ns && next - 4 >= nameEnd + 10) {
          negativeTtl = Math.min(ttl, msg.getUnsignedInt(next - 4));
        }
      }
      pos = next;
    }
    int rcode = flags & 0xf;
    long cacheFor = 0;
    if ((flags & DnsWire.FLAG_TC) == 0) {
      if (rcode == DnsWire.RCODE_NOERROR && an > 0) {
        cacheFor = minTtl;
      } else if (rcode == DnsWire.RCODE_NXDOMAIN || rcode == DnsWire.RCODE_NOERROR) {
        cacheFor = Math.max(negativeTtl, 0);
      }
    }
    byte[] bytes = new byte[end - start];
    msg.getBytes(start, bytes);
    return new UpstreamAnswer(
        bytes, Arrays.copyOf(offsets, count), (int) Math.min(cacheFor, maxCacheSeconds));
  }

  boolean truncated() {
    return (message[2] & 0x02) != 0;
  }

  int rcode() {
    return message[3] & 0xf;
  }

  /** Whether the question (from offset 12) equals {@code question}, ignoring ASCII case. */
  boolean sameQuestion(byte[] question) {
    if (message.length < DnsWire.HEADER_LENGTH + question.length) {
      return false;
    }
    for (int i = 0; i < question.length; i++) {
      int a = message[DnsWire.HEADER_LENGTH + i];
      int b = question[i];
      if (a != b
          && Character.toLowerCase((char) (a & 0xff)) != Character.toLowerCase((char) (b & 0xff))) {
        return false;
      }
    }
    return true;
  }
}
