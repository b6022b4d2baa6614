package dev.shoal.overlay.lb;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins one accepted client channel to a backend channel, on the client's event loop, in plain Netty
 * (no per-connection Vert.x objects, no copies: the buffers read on one side are written to the other).
 * Backends are tried in the picker's order, each once, while the client is already read (what arrives
 * before the backend accepted is held, up to a limit, and written first).
 * Bytes flow both ways with backpressure (a side stops reading while its peer's write buffer is over the
 * high-water mark and resumes when it drains), one flush per read batch. A FIN from either peer is passed
 * on once everything before it has been written (half-close); when both directions have ended, or either
 * channel fails or closes, the pair is closed after what was already read has been written.
 */
final class TcpSplice {

    private static final Logger LOG = LoggerFactory.getLogger(TcpSplice.class);
    static final int EARLY_LIMIT = 64 * 1024;

    /** What every splice of one frontend shares. {@code open} holds the client channels still spliced. */
    record Dialer(String key, BackendPicker picker, InetChannels<Channel> channels,
                  int connectTimeoutMillis, Set<Channel> open) {
    }

    private final Dialer dialer;
    private final Side client;
    private Side backend;
    private boolean closed;

    private TcpSplice(Dialer dialer, Channel client) {
        this.dialer = dialer;
        this.client = new Side(this, client);
    }

    /**
     * Prepares an accepted channel before it is registered: half-close allowed (Netty sets TCP_NODELAY
     * by default). It is read at once, while its backend is being dialed; what arrives before the
     * backend is connected waits in {@link Side#early} (reading stops above {@link #EARLY_LIMIT} bytes).
     */
    static void prepare(Channel accepted, Dialer dialer) {
        accepted.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        accepted.pipeline().addLast(new TcpSplice(dialer, accepted).client);
    }

    private void start() {
        Channel c = client.channel;
        dialer.open().add(c);
        String clientIp = dialer.picker().usesClientIp()
                ? ((InetSocketAddress) c.remoteAddress()).getAddress().getHostAddress()
                : null;
        dial(clientIp, dialer.picker().candidates(clientIp), 0);
    }

    private void dial(String clientIp, List<Backend> order, int index) {
        if (closed) {
            return;
        }
        if (index >= order.size()) {
            LOG.debug("{}: no backend reachable for {}: {}", dialer.key(), client.channel.remoteAddress(),
                    order.isEmpty() ? "no ready backends" : "all " + order.size() + " backends refused");
            closeBoth();
            return;
        }
        Backend b = order.get(index);
        Side side = new Side(this, null);
        ChannelFuture connect = new Bootstrap()
                .group(client.channel.eventLoop())
                .channelFactory(dialer.channels().forAddress(b.ip()))
                .disableResolver()
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, dialer.connectTimeoutMillis())
                .handler(side)
                .connect(new InetSocketAddress(b.ip(), b.port()));
        side.channel = connect.channel();
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                LOG.debug("{}: backend {} failed: {}", dialer.key(), b, f.cause().getMessage());
                dial(clientIp, order, index + 1);
            } else if (closed) {
                side.channel.close();
            } else {
                dialer.picker().connected(clientIp, b);
                backend = side;
                side.peer = client;
                client.peer = side;
                client.sendEarly();
            }
        });
    }

    /** {@code from}'s peer sent FIN: pass it on to the other peer after the data before it. */
    private void inputEnded(Side from) {
        if (closed) {
            return;
        }
        Side to = from.peer;
        to.channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
            if (!f.isSuccess()) {
                closeBoth();
                return;
            }
            to.outputEnded = true;
            if (from.outputEnded) {
                closeBoth(); // the other way ended earlier: closing sends this FIN and ends the pair
            } else {
                ((DuplexChannel) to.channel).shutdownOutput().addListener(s -> {
                    if (!s.isSuccess()) {
                        closeBoth();
                    } else {
                        // Its FIN now ends the pair: let Netty close the channel on it (lost() closes the
                        // other side after flushing) instead of shutting down input that is already gone.
                        to.channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, false);
                    }
                });
            }
        });
    }

    /** {@code gone} closed or failed: write out what was read for its peer, then close the peer. */
    private void lost(Side gone) {
        if (closed) {
            return;
        }
        closed = true;
        dialer.open().remove(client.channel);
        client.dropEarly();
        Side other = gone.peer;
        if (other != null && other.channel.isActive()) {
            other.channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else if (gone == client) {
            client.channel.close();
        }
    }

    private void closeBoth() {
        if (!closed) {
            closed = true;
            dialer.open().remove(client.channel);
            client.dropEarly();
        }
        client.channel.close();
        if (backend != null) {
            backend.channel.close();
        }
    }

    /** The handler on one of the two channels: relays what it reads to its peer. */
    private static final class Side extends ChannelInboundHandlerAdapter {
        private final TcpSplice splice;
        Channel channel;
        Side peer;
        boolean inputEnded;
        boolean outputEnded;
        private boolean unflushed;
        /** Client side only: what was read before the backend connected. */
        private ArrayDeque<Object> early;
        private int earlyBytes;

        Side(TcpSplice splice, Channel channel) {
            this.splice = splice;
            this.channel = channel;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (this == splice.client) {
                splice.start();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (peer == null) {
                keepEarly(msg);
                return;
            }
            peer.channel.write(msg, peer.channel.voidPromise());
            unflushed = true;
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (unflushed) {
                unflushed = false;
                peer.channel.flush();
                if (!peer.channel.isWritable()) {
                    channel.config().setAutoRead(false);
                }
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (peer != null && channel.isWritable() && !peer.inputEnded) {
                peer.channel.config().setAutoRead(true);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent && !inputEnded) {
                inputEnded = true;
                channel.config().setAutoRead(false);
                if (peer != null) {
                    splice.inputEnded(this);
                } // else sendEarly() passes the FIN on
            }
            ReferenceCountUtil.release(event);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (this == splice.client || this == splice.backend) {
                splice.lost(this);
            }
        }

        private void keepEarly(Object msg) {
            if (early == null) {
                early = new ArrayDeque<>(2);
            }
            early.add(msg);
            earlyBytes += msg instanceof ByteBuf b ? b.readableBytes() : 0;
            if (earlyBytes > EARLY_LIMIT) {
                channel.config().setAutoRead(false);
            }
        }

        /** The backend is connected: write what came early, pass on an early FIN, read on. */
        void sendEarly() {
            if (early != null) {
                for (Object msg; (msg = early.poll()) != null; ) {
                    peer.channel.write(msg, peer.channel.voidPromise());
                }
                peer.channel.flush();
                early = null;
            }
            if (inputEnded) {
                splice.inputEnded(this);
            } else if (!channel.config().isAutoRead()) {
                channel.config().setAutoRead(true);
            }
        }

        void dropEarly() {
            if (early != null) {
                early.forEach(ReferenceCountUtil::release);
                early = null;
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("{}: {}", splice.dialer.key(), cause.toString());
            ctx.close();
        }
    }
}
