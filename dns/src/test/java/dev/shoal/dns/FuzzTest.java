package dev.shoal.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.dns.server.QueryCounts;
import dev.shoal.dns.server.QueryProcessor;
import dev.shoal.dns.server.TcpQueryHandler;
import dev.shoal.dns.server.UdpQueryHandler;
import dev.shoal.dns.support.Dig;
import dev.shoal.dns.support.FakeClusterRecords;
import dev.shoal.dns.support.FakeUpstream;
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
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 20,000 random and mutated packets: the responder answers with a valid header or drops, never
 * leaks or stalls.
 */
class FuzzTest {
  static final int PACKETS = 20_000;
  static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
  static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 53);

  final Random random = new Random(20261129);
  final List<byte[]> seeds =
      List.of(
          Queries.bytes(Queries.query(1, "web.default.svc.cluster.local", 1, 0)),
          Queries.bytes(Queries.query(2, "_http._tcp.web.default.svc.cluster.local", 33, 1232)),
          Queries.bytes(Queries.query(3, "db.default.svc.cluster.local", 255, 4096)),
          Queries.bytes(Queries.query(4, "10.0.96.10.in-addr.arpa", 12, 0)),
          Queries.bytes(Queries.query(5, "www.example.org", 1, 1232)),
          Queries.bytes(Queries.query(6, "nope.cluster.local", 28, 512)));

  @Test
  void embeddedHandlersSurviveEveryPacketWithoutLeaks() {
    FakeClusterRecords records = records();
    ZoneIndex index = new ZoneIndexBuilder("cluster.local", 5, 5).build(records);
    QueryProcessor processor = new QueryProcessor(() -> index, null, 4096, new QueryCounts());
    TrackingAllocator alloc = new TrackingAllocator();
    EmbeddedChannel udp = new EmbeddedChannel();
    udp.config().setAllocator(alloc);
    udp.pipeline().addLast(new UdpQueryHandler(processor));
    int answered = 0;
    for (int i = 0; i < PACKETS; i++) {
      byte[] packet = next();
      ByteBuf in = Unpooled.buffer(packet.length + 1).writeBytes(packet);
      udp.writeInbound(new DatagramPacket(in, SERVER, CLIENT));
      assertEquals(0, in.refCnt());
      DatagramPacket out = udp.readOutbound();
      if (out != null) {
        answered++;
        try {
          ByteBuf b = out.content();
          assertTrue(b.readableBytes() >= 12 && b.readableBytes() <= 4096, "size");
          assertEquals((packet[0] & 0xff) << 8 | (packet[1] & 0xff), b.getUnsignedShort(0), "id");
          assertTrue((b.getUnsignedShort(2) & 0x8000) != 0, "QR");
        } finally {
          out.release();
        }
      }
      assertTrue(udp.outboundMessages().isEmpty(), "at most one answer per packet");
    }
    assertTrue(answered > PACKETS / 4, "answered " + answered);
    assertFalse(udp.finish());

    EmbeddedChannel tcp = new EmbeddedChannel();
    tcp.config().setAllocator(alloc);
    tcp.pipeline()
        .addLast(
            new LengthFieldBasedFrameDecoder(65537, 0, 2, 0, 2),
            new LengthFieldPrepender(2),
            new TcpQueryHandler(processor));
    for (int i = 0; i < PACKETS / 4 && tcp.isActive(); i++) {
      byte[] packet = next();
      tcp.writeInbound(Unpooled.buffer().writeShort(packet.length).writeBytes(packet));
      for (Object o; (o = tcp.readOutbound()) != null; ) {
        ((ByteBuf) o).release();
      }
    }
    tcp.finishAndReleaseAll();
    assertEquals(0, alloc.unreleased(), "leaked buffers");
  }

  @Test
  void aRealResponderStillAnswersAfterTheFlood() throws Exception {
    try (FakeUpstream upstream = new FakeUpstream()) {
      DnsResponder dns =
          DnsResponder.create(
              DnsConfig.defaults()
                  .withBind(InetAddress.getLoopbackAddress(), 0)
                  .withUpstreams(List.of(upstream.address()), Duration.ofMillis(200)),
              records());
      InetSocketAddress at = dns.start().join();
      try (DatagramChannel client = DatagramChannel.open()) {
        client.configureBlocking(false);
        ByteBuffer sink = ByteBuffer.allocate(65536);
        for (int i = 0; i < PACKETS; i++) {
          client.send(ByteBuffer.wrap(next()), at);
          while (client.receive(sink.clear()) != null) {
            // drain answers so our receive buffer never fills
          }
        }
        try (Socket s = new Socket(at.getAddress(), at.getPort())) {
          OutputStream out = s.getOutputStream();
          for (int i = 0; i < 200; i++) {
            byte[] packet = next();
            out.write(new byte[] {(byte) (packet.length >> 8), (byte) packet.length});
            out.write(packet);
          }
          out.flush();
        } catch (java.io.IOException closedByResponder) {
          // a message that cannot even be answered closes the connection: fine
        }
        // the flood may still be queued in the socket buffer (seconds of it under paranoid leak
        // detection):
        // poll until the responder has worked through it
        Dig.Result r = Dig.query(at, "web.default.svc.cluster.local", "A");
        for (int k = 0; k < 20 && !r.status().equals("NOERROR"); k++) {
          r = Dig.query(at, "web.default.svc.cluster.local", "A");
        }
        assertEquals(List.of("10.96.0.10"), r.answerData(), r.output());
        assertEquals(
            List.of("10.96.0.10"),
            Dig.query(at, "web.default.svc.cluster.local", "A", "+tcp").answerData());
        assertEquals(List.of("93.184.216.34"), Dig.query(at, "www.example.org", "A").answerData());
      } finally {
        dns.stop().join();
      }
    }
  }

  private static FakeClusterRecords records() {
    List<EndpointEntry> eps = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      eps.add(EndpointEntry.ready("10.244.1." + i, List.of(ServicePort.tcp("pg", 5432))));
    }
    return new FakeClusterRecords()
        .service(
            ServiceEntry.clusterIp(
                "default", "web", "10.96.0.10", List.of(ServicePort.tcp("http", 80))))
        .service(
            ServiceEntry.headless("default", "db", List.of()), eps.toArray(new EndpointEntry[0]))
        .pod("default", "10.244.1.5");
  }

  /**
   * A random packet (1 in 4) or a mutated valid query. Always at least 2 bytes, for the id check.
   */
  private byte[] next() {
    if (random.nextInt(4) == 0) {
      byte[] b = new byte[2 + random.nextInt(600)];
      random.nextBytes(b);
      if (random.nextBoolean() && b.length > 2) {
        b[2] &= 0x7f; // mostly "queries", so more of them get past the QR check
      }
      return b;
    }
    byte[] b = seeds.get(random.nextInt(seeds.size())).clone();
    int mutations = 1 + random.nextInt(4);
    for (int m = 0; m < mutations; m++) {
      switch (random.nextInt(6)) {
        case 0 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        case 1 -> b = java.util.Arrays.copyOf(b, Math.max(2, random.nextInt(b.length + 1)));
        case 2 -> {
          int field = 4 + 2 * random.nextInt(4);
          if (field + 1 < b.length) {
            b[field] = (byte) random.nextInt(256);
            b[field + 1] = (byte) random.nextInt(256);
          }
        }
        case 3 -> {
          int at = random.nextInt(b.length);
          b[at] = (byte) (0xC0 | random.nextInt(64));
        }
        case 4 -> {
          byte[] longer = java.util.Arrays.copyOf(b, b.length + 1 + random.nextInt(40));
          for (int i = b.length; i < longer.length; i++) {
            longer[i] = (byte) random.nextInt(256);
          }
          b = longer;
        }
        default -> {
          if (b.length > 2) {
            b[2] = (byte) (b[2] & 0x87 | random.nextInt(16) << 3); // opcode
          }
        }
      }
    }
    return b;
  }
}
