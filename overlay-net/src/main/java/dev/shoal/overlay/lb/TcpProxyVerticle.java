package dev.shoal.overlay.lb;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ServerChannel;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import io.vertx.core.spi.transport.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP frontend. Binds a Netty server channel of the loops' transport on one of the {@link ProxyLoops}
 * and hands the accepted connections to those loops in turn, where each is spliced to a backend by
 * {@link TcpSplice} without Vert.x's per-connection socket objects. The verticle
 * holds the frontend's life cycle; no proxied byte passes through Vert.x's own event loops. Stopping
 * closes the listener and every connection it still splices.
 */
final class TcpProxyVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(TcpProxyVerticle.class);

    private final String key;
    private final String host;
    private final int port;
    private final BackendPicker picker;
    private final LoadBalancerOptions options;
    private final ProxyLoops loops;
    private ServerChannel server;
    private TcpSplice.Dialer dialer;
    private volatile int boundPort = -1;

    TcpProxyVerticle(String key, String host, int port, BackendPicker picker, LoadBalancerOptions options,
                     ProxyLoops loops) {
        this.key = key;
        this.host = host;
        this.port = port;
        this.picker = picker;
        this.options = options;
        this.loops = loops;
    }

    @Override
    public Future<?> start() {
        ContextInternal ctx = (ContextInternal) context;
        Transport transport = loops.transport();
        dialer = new TcpSplice.Dialer(key, picker, InetChannels.<Channel>of(transport.channelFactory(false)),
                (int) options.connectTimeout().toMillis(), ConcurrentHashMap.newKeySet());
        server = InetChannels.<ServerChannel>of(transport.serverChannelFactory(false)).forAddress(host).newChannel();
        server.config().setOption(ChannelOption.SO_REUSEADDR, true);
        server.config().setOption(ChannelOption.SO_BACKLOG, 1024);
        server.pipeline().addLast(new Acceptor());
        PromiseInternal<Void> bound = ctx.promise();
        loops.next().register(server).addListener(r -> {
            if (!r.isSuccess()) {
                bound.fail(r.cause());
                return;
            }
            server.bind(new InetSocketAddress(host, port)).addListener(b -> {
                if (b.isSuccess()) {
                    boundPort = ((InetSocketAddress) server.localAddress()).getPort();
                    bound.complete();
                } else {
                    server.close();
                    bound.fail(b.cause());
                }
            });
        });
        return bound.future();
    }

    /** The port the listener is bound to once started (the kernel's pick when asked for 0); -1 before. */
    int boundPort() {
        return boundPort;
    }

    @Override
    public Future<?> stop() {
        PromiseInternal<Void> closed = ((ContextInternal) context).promise();
        server.close().addListener(f -> {
            dialer.open().forEach(Channel::close);
            // On NIO the JDK closes a registered listening socket only at the selector's next pass; a
            // scheduled task runs after that pass, so the port is free once stop() completes.
            server.eventLoop().schedule(() -> closed.complete(), 0, TimeUnit.MILLISECONDS);
        });
        return closed.future();
    }

    /** On the server channel: each accepted channel is prepared and registered with the next proxy loop. */
    private final class Acceptor extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Channel child = (Channel) msg;
            try {
                TcpSplice.prepare(child, dialer);
                loops.next().register(child).addListener(f -> {
                    if (!f.isSuccess()) {
                        LOG.debug("{}: cannot register a connection: {}", key, f.cause().toString());
                        child.unsafe().closeForcibly();
                    }
                });
            } catch (RuntimeException e) {
                LOG.debug("{}: cannot accept a connection: {}", key, e.toString());
                child.unsafe().closeForcibly();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("{}: accepting failed: {}", key, cause.toString());
        }
    }
}
