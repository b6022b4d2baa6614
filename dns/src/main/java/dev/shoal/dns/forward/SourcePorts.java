package dev.shoal.dns.forward;

import dev.shoal.dns.server.Transport;
import dev.shoal.dns.wire.DnsWire;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.PromiseCombiner;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forwarder's UDP sockets: a pool of {@code size} sockets, each on an ephemeral port the kernel
 * picks at random, so that a forged answer must hit the right port as well as the right id. Each
 * upstream query takes a socket chosen at random; a socket that has carried {@code rotateAfter}
 * queries is replaced by a fresh one (a new random port) and closed once its last query is answered
 * or given up. Runs on the responder's single event loop: no locks.
 */
final class SourcePorts {
  private static final Logger LOG = LoggerFactory.getLogger(SourcePorts.class);
  private static final AttributeKey<Port> PORT = AttributeKey.valueOf("shoal.dns.sourcePort");

  /** One socket of the pool and the upstream queries it carries. */
  static final class Port {
    private Channel channel;
    private int uses;
    private int inFlight;
    private boolean retired;

    Channel channel() {
      return channel;
    }
  }

  private final Port[] pool;
  private final int rotateAfter;
  private final RandomBits random;
  private final ChannelHandler handler;
  private Bootstrap bootstrap;
  private long opened;

  /**
   * {@code onAnswer} gets every datagram that arrives on a socket of the pool, with that socket.
   */
  SourcePorts(
      int size, int rotateAfter, RandomBits random, BiConsumer<Port, DatagramPacket> onAnswer) {
    if (size < 1 || size > 1024 || rotateAfter < 1) {
      throw new IllegalArgumentException(
          "pool of " + size + " sockets rotated after " + rotateAfter);
    }
    this.pool = new Port[size];
    this.rotateAfter = rotateAfter;
    this.random = random;
    this.handler = new Receiver(onAnswer);
  }

  /** Opens every socket of the pool on {@code group} (the responder's one-thread group). */
  Future<Void> open(EventLoopGroup group, Transport transport) {
    EventLoop loop = group.next();
    bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(transport.datagram())
            .option(
                ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(DnsWire.MAX_MESSAGE))
            .handler(handler);
    Promise<Void> done = loop.newPromise();
    loop.execute(
        () -> {
          PromiseCombiner all = new PromiseCombiner(loop);
          for (int i = 0; i < pool.length; i++) {
            pool[i] = new Port();
            all.add(bind(pool[i]));
          }
          all.finish(done);
        });
    return done;
  }

  /**
   * A socket for one more upstream query; give it back with {@link #release} when the query is
   * over.
   */
  Port take() {
    int slot = random.below(pool.length);
    Port port = pool[slot];
    port.inFlight++;
    if (++port.uses == rotateAfter) {
      replace(slot, port);
    }
    return port;
  }

  /** The query {@code port} carried is over: a retired socket closes after its last one. */
  void release(Port port) {
    port.inFlight--;
    if (port.retired && port.inFlight == 0) {
      port.channel.close();
    }
  }

  /** The sockets' buffer allocator (once open). */
  io.netty.buffer.ByteBufAllocator allocator() {
    return pool[0].channel.alloc();
  }

  /** Sockets opened so far, the pool's first ones included (for tests and stats). */
  long opened() {
    return opened;
  }

  void close() {
    for (Port port : pool) {
      if (port != null && port.channel != null) {
        port.channel.close();
      }
    }
  }

  /**
   * Opens a fresh socket for {@code slot}; once it is bound it takes the slot and {@code old}
   * retires.
   */
  private void replace(int slot, Port old) {
    Port fresh = new Port();
    bind(fresh)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                LOG.warn(
                    "DNS forwarder: cannot open a new source port, keeping {} for now: {}",
                    old.channel.localAddress(),
                    f.cause().toString());
                old.uses = 0;
                return;
              }
              pool[slot] = fresh;
              old.retired = true;
              if (old.inFlight == 0) {
                old.channel.close();
              }
            });
  }

  private ChannelFuture bind(Port port) {
    opened++;
    ChannelFuture bound = bootstrap.clone().attr(PORT, port).bind(0); // 0: a random ephemeral port
    port.channel = bound.channel();
    return bound;
  }

  @ChannelHandler.Sharable
  private static final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
    private final BiConsumer<Port, DatagramPacket> onAnswer;

    Receiver(BiConsumer<Port, DatagramPacket> onAnswer) {
      this.onAnswer = onAnswer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      onAnswer.accept(ctx.channel().attr(PORT).get(), packet);
    }
  }
}
