package dev.shoal.overlay.lb;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP frontend: one socket on the service address, a {@link UdpSession} per client ip:port. A new
 * client takes the next backend in round-robin order (or its sticky one under ClientIP affinity);
 * sessions idle longer than the timeout are closed. A session whose backend left the ready set is
 * closed on its next datagram and that datagram opens a new session.
 */
final class UdpProxyVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(UdpProxyVerticle.class);

    private final String key;
    private final String host;
    private final int port;
    private final BackendPicker picker;
    private final long idleNanos;
    private final Map<SocketAddress, UdpSession> sessions = new HashMap<>();
    private DatagramSocket socket;
    private long sweepTimer = -1;

    UdpProxyVerticle(String key, String host, int port, BackendPicker picker, LoadBalancerOptions options) {
        this.key = key;
        this.host = host;
        this.port = port;
        this.picker = picker;
        this.idleNanos = options.udpIdleTimeout().toNanos();
    }

    @Override
    public Future<?> start() {
        socket = vertx.createDatagramSocket(new DatagramSocketOptions());
        socket.handler(this::fromClient);
        long period = Math.max(50, Math.min(5_000, idleNanos / 4_000_000));
        sweepTimer = vertx.setPeriodic(period, id -> sweep());
        return socket.listen(port, host);
    }

    /** The port the socket is bound to once started (the kernel's pick when asked for 0); -1 before. */
    int boundPort() {
        return socket == null || socket.localAddress() == null ? -1 : socket.localAddress().port();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(sweepTimer);
        List<Future<Void>> closing = new ArrayList<>();
        sessions.values().forEach(s -> closing.add(s.close()));
        sessions.clear();
        closing.add(socket.close());
        return Future.join(closing);
    }

    int sessionCount() {
        return sessions.size();
    }

    private void fromClient(DatagramPacket packet) {
        SocketAddress client = packet.sender();
        UdpSession session = sessions.get(client);
        if (session != null && !picker.backends().contains(session.backend())) {
            sessions.remove(client);
            session.close();
            session = null;
        }
        if (session == null) {
            List<Backend> order = picker.candidates(client.host());
            if (order.isEmpty()) {
                LOG.debug("{}: dropping datagram from {}: no ready backends", key, client);
                return;
            }
            session = new UdpSession(vertx, socket, client, order.get(0));
            picker.connected(client.host(), order.get(0));
            sessions.put(client, session);
        }
        session.forward(packet.data()).onFailure(e -> LOG.debug("{}: send to backend failed: {}", key, e.getMessage()));
    }

    private void sweep() {
        long now = System.nanoTime();
        sessions.entrySet().removeIf(e -> {
            if (e.getValue().idleLongerThan(idleNanos, now)) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }
}
