package dev.shoal.overlay.lb;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.net.NetServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tiny Vert.x backends for tests. TCP: greets with "{id}\n" and echoes every byte back. UDP: answers
 * each datagram with "{id}:{payload}".
 */
final class EchoBackends implements AutoCloseable {

    private final Vertx vertx;
    private final List<NetServer> tcp = new ArrayList<>();
    private final List<DatagramSocket> udp = new ArrayList<>();
    final Map<String, AtomicInteger> openConnections = new ConcurrentHashMap<>();

    EchoBackends(Vertx vertx) {
        this.vertx = vertx;
    }

    Backend tcp(String id) {
        NetServer server = vertx.createNetServer();
        openConnections.put(id, new AtomicInteger());
        server.connectHandler(s -> {
            openConnections.get(id).incrementAndGet();
            s.closeHandler(v -> openConnections.get(id).decrementAndGet());
            s.write(id + "\n");
            s.handler(s::write);
        });
        TestNet.await(server.listen(0, TestNet.LOOPBACK));
        tcp.add(server);
        return new Backend(TestNet.LOOPBACK, server.actualPort());
    }

    Backend udp(String id) {
        DatagramSocket socket = vertx.createDatagramSocket();
        socket.handler(p -> socket.send(Buffer.buffer(id + ":").appendBuffer(p.data()), p.sender().port(), p.sender().host()));
        TestNet.await(socket.listen(0, TestNet.LOOPBACK));
        udp.add(socket);
        return new Backend(TestNet.LOOPBACK, socket.localAddress().port());
    }

    @Override
    public void close() {
        List<Future<?>> all = new ArrayList<>();
        tcp.forEach(s -> all.add(s.close()));
        udp.forEach(s -> all.add(s.close()));
        TestNet.await(Future.join(all));
    }
}
