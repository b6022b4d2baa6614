package dev.shoal.overlay.lb;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event loop's share of a TCP frontend. Several instances bind the same address; Vert.x spreads
 * the accepted connections over them. Each accepted client is held paused while backends are tried
 * in the picker's order (each at most once); the first that accepts is spliced to the client.
 */
final class TcpProxyVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(TcpProxyVerticle.class);

    private final String key;
    private final String host;
    private final int port;
    private final BackendPicker picker;
    private final LoadBalancerOptions options;
    private NetClient client;
    private NetServer server;

    TcpProxyVerticle(String key, String host, int port, BackendPicker picker, LoadBalancerOptions options) {
        this.key = key;
        this.host = host;
        this.port = port;
        this.picker = picker;
        this.options = options;
    }

    @Override
    public Future<?> start() {
        client = vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout((int) options.connectTimeout().toMillis())
                .setTcpNoDelay(true));
        server = vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true));
        server.connectHandler(this::accept);
        return server.listen(port, host);
    }

    @Override
    public Future<?> stop() {
        return server.close().eventually(() -> client.close());
    }

    /** Per-connection state before the splice exists. */
    private static final class Pending {
        boolean clientFinished;
        boolean clientClosed;
        TcpSplice splice;
    }

    private void accept(NetSocket socket) {
        socket.pause();
        Pending pending = new Pending();
        HalfClose.enable(socket, () -> {
            if (pending.splice != null) {
                pending.splice.clientFinished();
            } else {
                pending.clientFinished = true;
            }
        });
        socket.closeHandler(v -> pending.clientClosed = true);
        String clientIp = socket.remoteAddress().host();
        List<Backend> order = picker.candidates(clientIp);
        connectFirst(order, 0).onComplete(r -> {
            if (r.failed()) {
                LOG.debug("{}: no backend reachable for {}: {}", key, clientIp, r.cause().getMessage());
                socket.close();
                return;
            }
            Connected c = r.result();
            if (pending.clientClosed) {
                c.socket().close();
                return;
            }
            picker.connected(clientIp, c.backend());
            pending.splice = new TcpSplice(context, socket, c.socket(), pending.clientFinished);
            pending.splice.start();
        });
    }

    private record Connected(Backend backend, NetSocket socket) {
    }

    private Future<Connected> connectFirst(List<Backend> order, int index) {
        if (index >= order.size()) {
            return Future.failedFuture(order.isEmpty() ? "no ready backends" : "all " + order.size() + " backends refused");
        }
        Backend b = order.get(index);
        return client.connect(b.port(), b.ip())
                .map(s -> new Connected(b, s))
                .recover(e -> {
                    LOG.debug("{}: backend {} failed: {}", key, b, e.getMessage());
                    return connectFirst(order, index + 1);
                });
    }
}
