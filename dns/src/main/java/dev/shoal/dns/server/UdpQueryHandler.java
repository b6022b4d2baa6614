package dev.shoal.dns.server;

import dev.shoal.dns.wire.DnsWire;
import dev.shoal.dns.wire.Query;
import dev.shoal.dns.wire.QueryParser;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP edge: one datagram in, at most one datagram out, written without a flush; the flush
 * happens once per read batch in {@link #channelReadComplete}, which roughly doubles throughput.
 * Anything thrown while answering is logged and the packet dropped; the channel stays open.
 */
public final class UdpQueryHandler extends ChannelInboundHandlerAdapter implements ReplyFactory {
  private static final Logger LOG = LoggerFactory.getLogger(UdpQueryHandler.class);
  private final QueryProcessor processor;
  private final QueryParser parser = new QueryParser();
  private final Query query = new Query();
  private Channel channel;
  private InetSocketAddress sender;

  public UdpQueryHandler(QueryProcessor processor) {
    this.processor = processor;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof DatagramPacket packet)) {
      ctx.fireChannelRead(msg);
      return;
    }
    channel = ctx.channel();
    sender = packet.sender();
    ByteBuf content = packet.content();
    try {
      int parsed = parser.parse(content, query);
      int limit = parsed == QueryParser.OK ? processor.udpLimit(query) : DnsWire.MIN_UDP_PAYLOAD;
      ByteBuf answer = processor.process(ctx.alloc(), content, parsed, query, limit, this);
      if (answer != null) {
        ctx.write(new DatagramPacket(answer, sender), ctx.voidPromise());
      }
    } catch (RuntimeException e) {
      LOG.warn("dropped a query from {}: {}", sender, e.toString());
    } finally {
      packet.release();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug(
        "UDP channel error: {}", cause.toString()); // e.g. a send to a vanished client; never fatal
  }

  @Override
  public Reply later(int limit) {
    Channel ch = channel;
    InetSocketAddress to = sender;
    return new Reply() {
      @Override
      public void send(ByteBuf message) {
        ch.writeAndFlush(new DatagramPacket(message, to), ch.voidPromise());
      }

      @Override
      public int limit() {
        return limit;
      }
    };
  }
}
