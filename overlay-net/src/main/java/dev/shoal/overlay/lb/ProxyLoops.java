package dev.shoal.overlay.lb;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loops that carry proxied TCP traffic: a group of their own that runs nothing else, so a
 * proxied request never waits behind the agent's work on Vert.x's loops (a reconcile pass, decoding a
 * watch event). The group is io_uring where the kernel allows it (Vert.x's io_uring transport: accept,
 * connect, read, write and close are queued to the kernel in batches, about half the CPU per new
 * connection of epoll, see bench/lb/README.md) and otherwise of Vert.x's own transport. Listeners take
 * the loops in turn; every connection they accept goes to the next loop, where it and its backend stay.
 */
final class ProxyLoops {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyLoops.class);

    private final Transport transport;
    private final EventLoopGroup group;
    private final List<EventLoop> loops = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    private ProxyLoops(Transport transport, int threads) {
        this.transport = transport;
        this.group = transport.eventLoopGroup(Transport.IO_EVENT_LOOP_GROUP, threads,
                new DefaultThreadFactory("shoal-proxy", true), 50);
        for (EventExecutor e : group) {
            loops.add((EventLoop) e);
        }
    }

    /** io_uring loops when {@code preferIoUring} and the kernel allows them, else loops of Vert.x's transport. */
    static ProxyLoops create(Vertx vertx, int threads, boolean preferIoUring) {
        io.vertx.core.transport.Transport ioUring = io.vertx.core.transport.Transport.IO_URING;
        Transport chosen = ((VertxInternal) vertx).transport();
        if (preferIoUring && ioUring.available()) {
            chosen = ioUring.implementation();
        } else if (preferIoUring) {
            LOG.info("the service proxy runs on Vert.x's transport: io_uring is not available ({})",
                    String.valueOf(ioUring.unavailabilityCause()));
        }
        return new ProxyLoops(chosen, threads);
    }

    /** The transport the loops are of: channels registered with them must be of its kind. */
    Transport transport() {
        return transport;
    }

    /** The loop for the next listener or accepted connection. */
    EventLoop next() {
        return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
    }

    /** Stops the threads once their channels are closed. */
    io.netty.util.concurrent.Future<?> close() {
        return group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
