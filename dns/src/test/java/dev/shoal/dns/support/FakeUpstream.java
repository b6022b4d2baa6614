package dev.shoal.dns.support;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DefaultDnsResponse;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.handler.codec.dns.TcpDnsQueryDecoder;
import io.netty.handler.codec.dns.TcpDnsResponseEncoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny upstream resolver built on Netty's own DNS codec (so it checks our wire format against an
 * independent implementation). It knows www.example.org (A, TTL 60) and big.example.org (40 A
 * records: truncated over UDP, complete over TCP on the same port), answers NXDOMAIN with an SOA
 * (TTL 300, minimum 30) for every other name, never answers silent.example.org, and counts queries.
 */
public final class FakeUpstream implements AutoCloseable {
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private final Channel channel;
  private final Channel tcp;
  private final AtomicInteger tcpTotal = new AtomicInteger();

  public FakeUpstream() {
    channel =
        new Bootstrap()
            .group(group)
            .channel(NioDatagramChannel.class)
            .handler(
                new ChannelInitializer<DatagramChannel>() {
                  @Override
                  protected void initChannel(DatagramChannel ch) {
                    ch.pipeline()
                        .addLast(
                            new DatagramDnsQueryDecoder(),
                            new DatagramDnsResponseEncoder(),
                            new Answerer());
                  }
                })
            .bind(InetAddress.getLoopbackAddress(), 0)
            .syncUninterruptibly()
            .channel();
    tcp =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(
                            new TcpDnsQueryDecoder(),
                            new TcpDnsResponseEncoder(),
                            new TcpAnswerer());
                  }
                })
            .bind(address())
            .syncUninterruptibly()
            .channel();
  }

  public int tcpTotal() {
    return tcpTotal.get();
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  public int queries(String name) {
    AtomicInteger c = counts.get(name.toLowerCase(Locale.ROOT));
    return c == null ? 0 : c.get();
  }

  public int total() {
    return total.get();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    tcp.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  private final class TcpAnswerer extends SimpleChannelInboundHandler<DnsQuery> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DnsQuery query) {
      tcpTotal.incrementAndGet();
      DnsQuestion q = query.recordAt(DnsSection.QUESTION);
      DefaultDnsResponse r = new DefaultDnsResponse(query.id());
      r.setRecursionAvailable(true);
      r.addRecord(DnsSection.QUESTION, q);
      for (int i = 1; i <= 40; i++) {
        r.addRecord(
            DnsSection.ANSWER,
            new DefaultDnsRawRecord(
                q.name(),
                DnsRecordType.A,
                60,
                Unpooled.wrappedBuffer(new byte[] {(byte) 198, 51, 100, (byte) i})));
      }
      ctx.writeAndFlush(r);
    }
  }

  private final class Answerer extends SimpleChannelInboundHandler<DatagramDnsQuery> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
      DnsQuestion q = query.recordAt(DnsSection.QUESTION);
      String name = q.name().toLowerCase(Locale.ROOT);
      total.incrementAndGet();
      counts
          .computeIfAbsent(
              name.endsWith(".") ? name.substring(0, name.length() - 1) : name,
              k -> new AtomicInteger())
          .incrementAndGet();
      if (name.startsWith("silent.")) {
        return;
      }
      DatagramDnsResponse r =
          new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
      r.setRecursionDesired(query.isRecursionDesired()).setRecursionAvailable(true);
      r.addRecord(DnsSection.QUESTION, q);
      if (name.equals("big.example.org.")) {
        r.setTruncated(true);
      } else if (name.equals("www.example.org.") && q.type() == DnsRecordType.A) {
        r.addRecord(
            DnsSection.ANSWER,
            new DefaultDnsRawRecord(
                q.name(),
                DnsRecordType.A,
                60,
                Unpooled.wrappedBuffer(new byte[] {93, (byte) 184, (byte) 216, 34})));
      } else if (!name.equals("www.example.org.")) {
        r.setCode(DnsResponseCode.NXDOMAIN);
        r.addRecord(
            DnsSection.AUTHORITY,
            new DefaultDnsRawRecord("example.org.", DnsRecordType.SOA, 300, soa()));
      }
      ctx.writeAndFlush(r);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // Netty's query decoder rejects some fuzzed names (e.g. non-IDNA bytes): the fake just stays
      // silent
    }

    private ByteBuf soa() {
      ByteBuf b = Unpooled.buffer();
      for (String label : new String[] {"ns", "example", "org"}) {
        b.writeByte(label.length())
            .writeBytes(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      }
      b.writeByte(0);
      for (String label : new String[] {"admin", "example", "org"}) {
        b.writeByte(label.length())
            .writeBytes(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      }
      b.writeByte(0);
      return b.writeInt(1).writeInt(7200).writeInt(1800).writeInt(86400).writeInt(30);
    }
  }
}
