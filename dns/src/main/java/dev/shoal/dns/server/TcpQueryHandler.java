package dev.shoal.dns.server;

import dev.shoal.dns.wire.DnsWire;
import dev.shoal.dns.wire.Query;
import dev.shoal.dns.wire.QueryParser;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP edge, one instance per connection, after a 2-byte length frame decoder and before a
 * 2-byte length prepender: each frame is one query. Answers are not limited in size (up to 65535
 * bytes). A message that cannot be answered, not even by a FORMERR, closes the connection; so does
 * idleness.
 */
public final class TcpQueryHandler extends ChannelInboundHandlerAdapter implements ReplyFactory {
  private static final Logger LOG = LoggerFactory.getLogger(TcpQueryHandler.class);
  private final QueryProcessor processor;
  private final QueryParser parser = new QueryParser();
  private final Query query = new Query();
  private Channel channel;

  public TcpQueryHandler(QueryProcessor processor) {
    this.processor = processor;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      int parsed = parser.parse(frame, query);
      ByteBuf answer =
          processor.process(ctx.alloc(), frame, parsed, query, DnsWire.MAX_MESSAGE, this);
      if (answer != null) {
        ctx.write(answer, ctx.voidPromise());
      } else if (parsed == QueryParser.DROP) {
        ctx.close();
      }
    } catch (RuntimeException e) {
      LOG.warn("closing {} after a bad query: {}", ctx.channel().remoteAddress(), e.toString());
      ctx.close();
    } finally {
      frame.release();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      ctx.close();
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("closing TCP connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }

  @Override
  public Reply later(int limit) {
    Channel ch = channel;
    return new Reply() {
      @Override
      public void send(ByteBuf message) {
        if (ch.isActive()) {
          ch.writeAndFlush(message, ch.voidPromise());
        } else {
          message.release();
        }
      }

      @Override
      public int limit() {
        return limit;
      }
    };
  }
}
