package dev.shoal.dns.forward;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * One query over TCP to an upstream that answered with TC set: connect, send the length-prefixed
 * query, take the first answer, close. Exactly one of the two callbacks runs, on the given event
 * loop.
 */
final class TcpExchange {
  private final Consumer<ByteBuf> onAnswer;
  private final Runnable onFailure;
  private boolean done;
  private Channel channel;

  private TcpExchange(Consumer<ByteBuf> onAnswer, Runnable onFailure) {
    this.onAnswer = onAnswer;
    this.onFailure = onFailure;
  }

  /** Starts the exchange; {@code onAnswer} gets the message (released after it returns). */
  static TcpExchange start(
      EventLoop loop,
      Class<? extends SocketChannel> type,
      InetSocketAddress to,
      byte[] query,
      int connectTimeoutMillis,
      Consumer<ByteBuf> onAnswer,
      Runnable onFailure) {
    TcpExchange x = new TcpExchange(onAnswer, onFailure);
    x.channel =
        new Bootstrap()
            .group(loop)
            .channel(type)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(
                            new LengthFieldBasedFrameDecoder(65537, 0, 2, 0, 2),
                            new LengthFieldPrepender(2),
                            x.new Handler());
                  }
                })
            .connect(to)
            .addListener(
                (ChannelFutureListener)
                    f -> {
                      if (f.isSuccess()) {
                        f.channel()
                            .writeAndFlush(
                                f.channel().alloc().ioBuffer(query.length).writeBytes(query));
                      } else {
                        x.fail();
                      }
                    })
            .channel();
    return x;
  }

  /** Abandons the exchange without calling back. */
  void cancel() {
    done = true;
    channel.close();
  }

  private void fail() {
    if (!done) {
      done = true;
      channel.close();
      onFailure.run();
    }
  }

  private final class Handler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf frame = (ByteBuf) msg;
      try {
        if (!done) {
          done = true;
          onAnswer.accept(frame);
        }
      } finally {
        frame.release();
        ctx.close();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      fail();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      fail();
    }
  }
}
