package dev.shoal.dns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.dns.EndpointEntry;
import dev.shoal.dns.ServiceEntry;
import dev.shoal.dns.ServicePort;
import dev.shoal.dns.support.FakeClusterRecords;
import dev.shoal.dns.support.Queries;
import dev.shoal.dns.support.TrackingAllocator;
import dev.shoal.dns.zone.ZoneIndex;
import dev.shoal.dns.zone.ZoneIndexBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseDecoder;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The UDP and TCP handlers in an EmbeddedChannel: hostile packets, answers decoded by Netty's
 * codec, no leaks.
 */
class EmbeddedHandlerTest {
  static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
  static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 53);
  static final int DROP = -1;
  static final int BADVERS = 16;

  TrackingAllocator alloc;
  QueryProcessor processor;
  QueryCounts counts;

  @BeforeEach
  void setUp() {
    FakeClusterRecords records =
        new FakeClusterRecords()
            .service(
                ServiceEntry.clusterIp(
                    "default", "web", "10.96.0.10", List.of(ServicePort.tcp("http", 80))))
            .service(
                ServiceEntry.headless("default", "db", List.of()),
                EndpointEntry.ready("10.244.1.2", List.of()),
                EndpointEntry.ready("10.244.1.3", List.of()));
    ZoneIndex index = new ZoneIndexBuilder("cluster.local", 5, 5).build(records);
    Supplier<ZoneIndex> zone = () -> index;
    counts = new QueryCounts();
    processor = new QueryProcessor(zone, null, 4096, counts);
    alloc = new TrackingAllocator();
  }

  @AfterEach
  void noLeaks() {
    assertEquals(0, alloc.unreleased(), "buffers allocated by the responder and never released");
  }

  static Stream<Arguments> hostile() {
    return Stream.of(
        Arguments.of("empty datagram", new byte[0], DROP),
        Arguments.of("eleven bytes", new byte[11], DROP),
        Arguments.of("response (QR set)", withFlags(0x8100), DROP),
        Arguments.of("opcode NOTIFY", withFlags(4 << 11), 4),
        Arguments.of("opcode STATUS", withFlags(2 << 11), 4),
        Arguments.of("header only, zero questions", header(0, 0, 0, 0), 1),
        Arguments.of("two questions", twoQuestions(), 1),
        Arguments.of(
            "question cut short",
            cut(Queries.bytes(Queries.query(7, "web.default.svc.cluster.local", 1, 0)), 20),
            1),
        Arguments.of(
            "type and class missing", cut(Queries.bytes(Queries.query(7, "a.b", 1, 0)), 17), 1),
        Arguments.of("compression pointer in the question", pointerLoop(), 1),
        Arguments.of("label longer than 63", longLabel(), 1),
        Arguments.of("65535 answer records claimed", hugeCounts(), 1),
        Arguments.of("two OPT records", twoOpts(), 1),
        Arguments.of("OPT with a non-root owner", optNotRoot(), 1),
        Arguments.of("trailing garbage", trailing(), 1),
        Arguments.of(
            "EDNS version 1",
            Queries.bytes(Queries.query(7, 0x0100, "web.default.svc.cluster.local", 1, 1, 1232, 1)),
            BADVERS));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void hostilePacketsGetAHeaderOnlyErrorOrAreDropped(String name, byte[] packet, int expected) {
    EmbeddedChannel ch = udpChannel();
    ByteBuf in =
        Unpooled.buffer(packet.length + 1).writeBytes(packet); // never the shared empty buffer
    ch.writeInbound(new DatagramPacket(in, SERVER, CLIENT));
    assertEquals(0, in.refCnt(), "query released");
    DatagramPacket out = ch.readOutbound();
    if (expected == DROP) {
      assertNull(out);
    } else {
      try {
        ByteBuf b = out.content();
        assertEquals(CLIENT, out.recipient());
        assertEquals(packet[0] & 0xff, b.getUnsignedByte(0), "id echoed");
        assertTrue((b.getUnsignedShort(2) & 0x8000) != 0, "QR");
        if (expected == BADVERS) {
          assertEquals(0, b.getUnsignedShort(2) & 0xf);
          assertEquals(1, b.getUnsignedShort(10), "OPT carries the extended rcode");
          assertEquals(1, b.getUnsignedByte(b.writerIndex() - 6), "BADVERS upper bits");
        } else {
          assertEquals(expected, b.getUnsignedShort(2) & 0xf);
          assertEquals(12, b.readableBytes(), "header only");
        }
      } finally {
        out.release();
      }
    }
    QueryCounts.Outcome counted =
        expected == DROP
            ? QueryCounts.Outcome.DROPPED
            : expected == BADVERS ? QueryCounts.Outcome.NOTIMP : QueryCounts.Outcome.MALFORMED;
    assertEquals(1, counts.count(counted), "counted as " + counted);
    assertFalse(ch.finish());
  }

  @Test
  void everyAnswerIsCountedByItsOutcome() {
    EmbeddedChannel ch = udpChannel();
    for (String name :
        List.of(
            "web.default.svc.cluster.local",
            "db.default.svc.cluster.local",
            "no.svc.cluster.local")) {
      ch.writeInbound(new DatagramPacket(Queries.query(7, name, 1, 1232), SERVER, CLIENT));
      DatagramPacket out = ch.readOutbound();
      out.release();
    }
    ch.writeInbound(new DatagramPacket(Queries.query(8, "example.org", 1, 1232), SERVER, CLIENT));
    ((DatagramPacket) ch.readOutbound()).release();
    assertEquals(2, counts.count(QueryCounts.Outcome.ANSWERED));
    assertEquals(1, counts.count(QueryCounts.Outcome.NXDOMAIN));
    assertEquals(1, counts.count(QueryCounts.Outcome.REFUSED), "outside the zone, no upstream");
    assertEquals(0, counts.count(QueryCounts.Outcome.FORWARDED));
    assertFalse(ch.finish());
  }

  @Test
  void answersDecodeWithNettysOwnCodec() {
    EmbeddedChannel ch = udpChannel();
    ch.writeInbound(
        new DatagramPacket(
            Queries.query(42, "Web.Default.svc.cluster.local", 1, 1232), SERVER, CLIENT));
    DatagramDnsResponse r = decode(ch.readOutbound());
    try {
      assertEquals(42, r.id());
      assertEquals(DnsResponseCode.NOERROR, r.code());
      assertTrue(r.isAuthoritativeAnswer());
      assertEquals(1, r.count(DnsSection.ANSWER));
      DnsRawRecord a = r.recordAt(DnsSection.ANSWER, 0);
      assertEquals("Web.Default.svc.cluster.local.", a.name());
      assertEquals(5, a.timeToLive());
      assertEquals(List.of(10, 96, 0, 10), bytes(a.content()));
      DnsRecord opt = r.recordAt(DnsSection.ADDITIONAL, 0);
      assertEquals(DnsRecordType.OPT, opt.type());
    } finally {
      r.release();
    }
    assertFalse(ch.finish());
  }

  @Test
  void nxdomainCarriesTheSoaInAuthority() {
    EmbeddedChannel ch = udpChannel();
    ch.writeInbound(
        new DatagramPacket(Queries.query(1, "x.default.svc.cluster.local", 1, 0), SERVER, CLIENT));
    DatagramDnsResponse r = decode(ch.readOutbound());
    try {
      assertEquals(DnsResponseCode.NXDOMAIN, r.code());
      assertEquals(0, r.count(DnsSection.ANSWER));
      assertEquals(DnsRecordType.SOA, r.recordAt(DnsSection.AUTHORITY, 0).type());
      assertEquals(0, r.count(DnsSection.ADDITIONAL), "no OPT without EDNS in the query");
    } finally {
      r.release();
    }
    assertFalse(ch.finish());
  }

  @Test
  void oneFlushPerReadBatch() {
    EmbeddedChannel ch = udpChannel();
    ch.pipeline()
        .fireChannelRead(
            new DatagramPacket(
                Queries.query(1, "web.default.svc.cluster.local", 1, 0), SERVER, CLIENT));
    ch.pipeline()
        .fireChannelRead(
            new DatagramPacket(
                Queries.query(2, "web.default.svc.cluster.local", 1, 0), SERVER, CLIENT));
    assertNull(ch.readOutbound(), "nothing flushed before the read batch completes");
    ch.pipeline().fireChannelReadComplete();
    DatagramPacket first = ch.readOutbound();
    DatagramPacket second = ch.readOutbound();
    assertNotNull(first);
    assertNotNull(second);
    first.release();
    second.release();
    assertFalse(ch.finish());
  }

  @Test
  void tcpFramesPipelinedQueriesAndAnswersFormerrForAGarbageFrame() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.config().setAllocator(alloc);
    ch.pipeline()
        .addLast(
            new LengthFieldBasedFrameDecoder(65537, 0, 2, 0, 2),
            new LengthFieldPrepender(2),
            new TcpQueryHandler(processor));
    ByteBuf q1 = Queries.query(1, "db.default.svc.cluster.local", 1, 0);
    ByteBuf q2 = Queries.query(2, "web.default.svc.cluster.local", 1, 0);
    ByteBuf stream = Unpooled.buffer();
    stream
        .writeShort(q1.readableBytes())
        .writeBytes(q1)
        .writeShort(q2.readableBytes())
        .writeBytes(q2)
        .writeShort(13)
        .writeBytes(new byte[] {0, 9, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 1});
    q1.release();
    q2.release();
    ch.writeInbound(stream.retainedSlice(0, 10));
    ch.writeInbound(stream.retainedSlice(10, stream.readableBytes() - 10));
    stream.release();
    assertEquals(List.of(1, 2, 9), List.of(answerId(ch), answerId(ch), answerId(ch)));
    assertTrue(ch.isActive());
    assertFalse(ch.finish());
  }

  private int answerId(EmbeddedChannel ch) {
    // LengthFieldPrepender writes the length and the message as two buffers
    ByteBuf length = ch.readOutbound();
    ByteBuf msg = ch.readOutbound();
    try {
      assertEquals(msg.readableBytes(), length.getUnsignedShort(0));
      return msg.getUnsignedShort(0);
    } finally {
      length.release();
      msg.release();
    }
  }

  private EmbeddedChannel udpChannel() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.config().setAllocator(alloc);
    ch.pipeline().addLast(new UdpQueryHandler(processor));
    return ch;
  }

  private static DatagramDnsResponse decode(DatagramPacket packet) {
    EmbeddedChannel decoder = new EmbeddedChannel(new DatagramDnsResponseDecoder());
    decoder.writeInbound(new DatagramPacket(packet.content(), CLIENT, SERVER));
    DatagramDnsResponse r = decoder.readInbound();
    decoder.finish();
    return r;
  }

  private static List<Integer> bytes(ByteBuf b) {
    int i = b.readerIndex();
    return List.of(
        (int) b.getUnsignedByte(i),
        (int) b.getUnsignedByte(i + 1),
        (int) b.getUnsignedByte(i + 2),
        (int) b.getUnsignedByte(i + 3));
  }

  private static byte[] header(int qd, int an, int ns, int ar) {
    return Queries.bytes(
        Unpooled.buffer()
            .writeShort(7)
            .writeShort(0x0100)
            .writeShort(qd)
            .writeShort(an)
            .writeShort(ns)
            .writeShort(ar));
  }

  private static byte[] withFlags(int flags) {
    ByteBuf b = Queries.query(7, flags, "web.default.svc.cluster.local", 1, 1, 0, 0);
    return Queries.bytes(b);
  }

  private static byte[] cut(byte[] b, int length) {
    return java.util.Arrays.copyOf(b, length);
  }

  private static byte[] twoQuestions() {
    ByteBuf b =
        Unpooled.buffer()
            .writeShort(7)
            .writeShort(0x0100)
            .writeShort(2)
            .writeShort(0)
            .writeShort(0)
            .writeShort(0);
    Queries.name(b, "a.b");
    b.writeShort(1).writeShort(1);
    Queries.name(b, "c.d");
    b.writeShort(1).writeShort(1);
    return Queries.bytes(b);
  }

  private static byte[] pointerLoop() {
    ByteBuf b =
        Unpooled.buffer()
            .writeShort(7)
            .writeShort(0x0100)
            .writeShort(1)
            .writeShort(0)
            .writeShort(0)
            .writeShort(0);
    b.writeByte(1).writeByte('a').writeShort(0xC00C).writeShort(1).writeShort(1);
    return Queries.bytes(b);
  }

  private static byte[] longLabel() {
    ByteBuf b =
        Unpooled.buffer()
            .writeShort(7)
            .writeShort(0x0100)
            .writeShort(1)
            .writeShort(0)
            .writeShort(0)
            .writeShort(0);
    b.writeByte(64).writeBytes(new byte[64]).writeByte(0).writeShort(1).writeShort(1);
    return Queries.bytes(b);
  }

  private static byte[] hugeCounts() {
    byte[] q = Queries.bytes(Queries.query(7, "web.default.svc.cluster.local", 1, 0));
    q[6] = (byte) 0xff;
    q[7] = (byte) 0xff;
    return q;
  }

  private static byte[] twoOpts() {
    ByteBuf b = Queries.query(7, "web.default.svc.cluster.local", 1, 1232);
    b.setShort(10, 2);
    b.writeByte(0).writeShort(41).writeShort(1232).writeInt(0).writeShort(0);
    return Queries.bytes(b);
  }

  private static byte[] optNotRoot() {
    ByteBuf b = Queries.query(7, "web.default.svc.cluster.local", 1, 0);
    b.setShort(10, 1);
    b.writeByte(1)
        .writeByte('x')
        .writeByte(0)
        .writeShort(41)
        .writeShort(1232)
        .writeInt(0)
        .writeShort(0);
    return Queries.bytes(b);
  }

  private static byte[] trailing() {
    ByteBuf b = Queries.query(7, "web.default.svc.cluster.local", 1, 0);
    b.writeBytes(new byte[] {1, 2, 3});
    return Queries.bytes(b);
  }
}
