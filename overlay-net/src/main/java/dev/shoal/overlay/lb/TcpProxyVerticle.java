package dev.shoal.overlay.lb;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.ServerChannel;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.transport.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP frontend. Binds a Netty server channel of Vert.x's transport (epoll when Vert.x uses it) on
 * this verticle's event loop and hands the accepted connections in turn to {@code tcpEventLoops} of
 * Vert.x's event loops (this one first), where each is spliced to a backend by {@link TcpSplice}
 * without Vert.x's per-connection socket objects. Stopping closes the listener and every connection
 * it still splices.
 */
final class TcpProxyVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(TcpProxyVerticle.class);

    private final String key;
    private final String host;
    private final int port;
    private final BackendPicker picker;
    private final LoadBalancerOptions options;
    private ServerChannel server;
    private TcpSplice.Dialer dialer;

    TcpProxyVerticle(String key, String host, int port, BackendPicker picker, LoadBalancerOptions options) {
        this.key = key;
        this.host = host;
        this.port = port;
        this.picker = picker;
        this.options = options;
    }

    @Override
    public Future<?> start() {
        ContextInternal ctx = (ContextInternal) context;
        Transport transport = ((VertxInternal) vertx).transport();
        EventLoop acceptor = ctx.nettyEventLoop();
        dialer = new TcpSplice.Dialer(key, picker, InetChannels.<Channel>of(transport.channelFactory(false)),
                (int) options.connectTimeout().toMillis(), ConcurrentHashMap.newKeySet());
        server = InetChannels.<ServerChannel>of(transport.serverChannelFactory(false)).forAddress(host).newChannel();
        server.config().setOption(ChannelOption.SO_REUSEADDR, true);
        server.config().setOption(ChannelOption.SO_BACKLOG, 1024);
        server.pipeline().addLast(new Acceptor(servingLoops(acceptor, options.tcpEventLoops())));
        PromiseInternal<Void> bound = ctx.promise();
        acceptor.register(server).addListener(r -> {
            if (!r.isSuccess()) {
                bound.fail(r.cause());
                return;
            }
            server.bind(new InetSocketAddress(host, port)).addListener(b -> {
                if (b.isSuccess()) {
                    bound.complete();
                } else {
                    server.close();
                    bound.fail(b.cause());
                }
            });
        });
        return bound.future();
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

    /** {@code first} and then others of Vert.x's event loops, {@code n} in all (fewer if Vert.x has fewer). */
    private List<EventLoop> servingLoops(EventLoop first, int n) {
        List<EventLoop> loops = new ArrayList<>(List.of(first));
        for (EventExecutor e : ((VertxInternal) vertx).nettyEventLoopGroup()) {
            if (loops.size() >= n) {
                break;
            }
            if (e != first && e instanceof EventLoop loop) {
                loops.add(loop);
            }
        }
        return loops;
    }

    /** On the server channel: each accepted channel is prepared and registered with the next serving loop. */
    private final class Acceptor extends ChannelInboundHandlerAdapter {
        private final List<EventLoop> loops;
        private int next;

        Acceptor(List<EventLoop> loops) {
            this.loops = loops;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Channel child = (Channel) msg;
            try {
                TcpSplice.prepare(child, dialer);
                EventLoop loop = loops.get(next);
                next = (next + 1) % loops.size();
                loop.register(child).addListener(f -> {
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
