package dev.shoal.overlay.lb;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * TCP half-close for Vert.x sockets. Vert.x closes a socket when the peer sends FIN; a proxy must
 * instead pass the FIN on and keep the other direction open. This is the one place that reaches
 * under Vert.x to Netty (through {@link NetSocketInternal}): it enables {@code ALLOW_HALF_CLOSURE},
 * reports the peer's FIN as an event, and shuts down the output of a socket.
 */
final class HalfClose {

    private HalfClose() {
    }

    /** Keeps {@code socket} open when its peer stops sending; returns false if the transport cannot. */
    static boolean enable(NetSocket socket, Runnable onPeerFinished) {
        if (!(socket instanceof NetSocketInternal internal)) {
            return false;
        }
        Channel channel = internal.channelHandlerContext().channel();
        if (!(channel instanceof DuplexChannel)) {
            return false;
        }
        channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        internal.eventHandler(event -> {
            if (event instanceof ChannelInputShutdownEvent) {
                onPeerFinished.run();
            }
        });
        return true;
    }

    /** Sends FIN on {@code socket} after what was written before has been flushed. */
    static Future<Void> shutdownOutput(NetSocket socket) {
        Channel channel = ((NetSocketInternal) socket).channelHandlerContext().channel();
        Promise<Void> done = Promise.promise();
        ((DuplexChannel) channel).shutdownOutput().addListener(f -> {
            if (f.isSuccess()) {
                done.tryComplete();
            } else {
                done.tryFail(f.cause());
            }
        });
        return done.future();
    }
}
