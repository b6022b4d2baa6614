package dev.shoal.overlay.lb;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.SocketAddress;

/**
 * One UDP client's flow: its own upstream socket to the backend chosen when the session began.
 * Datagrams from the client go out of the upstream socket; datagrams the backend sends back are
 * relayed to the client from the frontend socket, so the client sees the service address answer.
 */
final class UdpSession {

    private final SocketAddress clientAddress;
    private final Backend backend;
    private final DatagramSocket frontend;
    private final DatagramSocket upstream;
    private final Future<DatagramSocket> bound;
    private long lastActiveNanos;

    UdpSession(Vertx vertx, DatagramSocket frontend, SocketAddress clientAddress, Backend backend) {
        this.frontend = frontend;
        this.clientAddress = clientAddress;
        this.backend = backend;
        this.upstream = vertx.createDatagramSocket(new DatagramSocketOptions());
        this.upstream.handler(packet -> {
            SocketAddress from = packet.sender();
            if (from.port() == backend.port() && backend.ip().equals(from.host())) {
                touch();
                frontend.send(packet.data(), clientAddress.port(), clientAddress.host());
            }
        });
        this.upstream.exceptionHandler(e -> {
            // e.g. ICMP port unreachable from a backend that went away: the datagram is lost, as UDP allows
        });
        this.bound = upstream.listen(0, "0.0.0.0");
        touch();
    }

    Backend backend() {
        return backend;
    }

    /** Forwards one client datagram to the backend (after the upstream socket is bound). */
    Future<Void> forward(Buffer data) {
        touch();
        return bound.compose(s -> s.send(data, backend.port(), backend.ip()));
    }

    boolean idleLongerThan(long nanos, long now) {
        return now - lastActiveNanos > nanos;
    }

    Future<Void> close() {
        return upstream.close();
    }

    private void touch() {
        lastActiveNanos = System.nanoTime();
    }
}
