package dev.shoal.dns.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.dns.support.Queries;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How long an upstream answer may be cached, and which answers are refused as malformed. */
class UpstreamAnswerTest {

  static Stream<Arguments> answers() {
    return Stream.of(
        Arguments.of(
            "positive: smallest TTL of answer and authority",
            response(0, 0, new int[] {60, 30}, -1, -1),
            30),
        Arguments.of("positive: capped", response(0, 0, new int[] {86400}, -1, -1), 3600),
        Arguments.of(
            "NXDOMAIN: SOA minimum below its TTL", response(3, 0, new int[0], 300, 30), 30),
        Arguments.of(
            "NXDOMAIN: SOA TTL below its minimum", response(3, 0, new int[0], 10, 900), 10),
        Arguments.of("NODATA with SOA", response(0, 0, new int[0], 300, 60), 60),
        Arguments.of("NXDOMAIN without SOA is not cached", response(3, 0, new int[0], -1, -1), 0),
        Arguments.of("SERVFAIL is not cached", response(2, 0, new int[0], 300, 60), 0),
        Arguments.of("truncated is not cached", response(0, 0x0200, new int[] {60}, -1, -1), 0),
        Arguments.of("TTL 0 is not cached", response(0, 0, new int[] {0}, -1, -1), 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void cacheLifetime(String name, ByteBuf msg, int seconds) {
    try {
      UpstreamAnswer a = UpstreamAnswer.read(msg, 3600);
      assertEquals(seconds, a.cacheSeconds);
    } finally {
      msg.release();
    }
  }

  @ParameterizedTest(name = "malformed: {0}")
  @MethodSource("malformed")
  void malformedAnswersAreRefused(String name, ByteBuf msg) {
    try {
      assertNull(UpstreamAnswer.read(msg, 3600));
    } finally {
      msg.release();
    }
  }

  static Stream<Arguments> malformed() {
    ByteBuf countsTooHigh = response(0, 0, new int[] {60}, -1, -1);
    countsTooHigh.setShort(6, 9);
    ByteBuf notAResponse = response(0, 0, new int[] {60}, -1, -1);
    notAResponse.setShort(2, 0x0100);
    return Stream.of(
        Arguments.of("answer count beyond the data", countsTooHigh),
        Arguments.of("QR clear", notAResponse),
        Arguments.of("header cut", Unpooled.buffer().writeZero(11)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void ttlOffsetsPointAtEveryTtl(String name, ByteBuf msg, int ignored) {
    try {
      UpstreamAnswer a = UpstreamAnswer.read(msg, 3600);
      for (int off : a.ttlOffsets) {
        assertTrue(off > 12 && off + 4 <= a.message.length);
      }
      assertArrayEquals(a.message, Queries.bytes(msg));
    } finally {
      msg.release();
    }
  }

  /**
   * A response for www.example.org A: answers with the given TTLs, and an SOA in authority when
   * soaTtl >= 0.
   */
  static ByteBuf response(int rcode, int extraFlags, int[] answerTtls, int soaTtl, int soaMinimum) {
    ByteBuf b = Unpooled.buffer();
    b.writeShort(1)
        .writeShort(0x8180 | extraFlags | rcode)
        .writeShort(1)
        .writeShort(answerTtls.length)
        .writeShort(soaTtl >= 0 ? 1 : 0)
        .writeShort(0);
    Queries.name(b, "www.example.org");
    b.writeShort(1).writeShort(1);
    for (int ttl : answerTtls) {
      b.writeShort(0xC00C)
          .writeShort(1)
          .writeShort(1)
          .writeInt(ttl)
          .writeShort(4)
          .writeInt(0x5db8d822);
    }
    if (soaTtl >= 0) {
      ByteBuf rdata = Unpooled.buffer();
      Queries.name(rdata, "ns.example.org");
      Queries.name(rdata, "admin.example.org");
      rdata.writeInt(1).writeInt(7200).writeInt(1800).writeInt(86400).writeInt(soaMinimum);
      b.writeShort(0xC010)
          .writeShort(6)
          .writeShort(1)
          .writeInt(soaTtl)
          .writeShort(rdata.readableBytes())
          .writeBytes(rdata);
      rdata.release();
    }
    return b;
  }
}
