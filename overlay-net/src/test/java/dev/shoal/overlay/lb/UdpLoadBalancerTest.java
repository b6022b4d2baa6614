package dev.shoal.overlay.lb;

import static dev.shoal.overlay.lb.TestNet.LOOPBACK;
import static dev.shoal.overlay.lb.TestNet.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The UDP proxy with real datagram sockets on 127.0.0.1. */
class UdpLoadBalancerTest {

    private Vertx vertx;
    private EchoBackends backends;
    private LoadBalancer lb;
    private final List<DatagramSocket> clients = new ArrayList<>();

    @BeforeEach
    void setUp() {
        vertx = TestNet.vertx();
        backends = new EchoBackends(vertx);
        lb = LoadBalancer.create(vertx, LoadBalancerOptions.defaults().withUdpIdleTimeout(Duration.ofMillis(300)));
    }

    @AfterEach
    void tearDown() {
        clients.forEach(DatagramSocket::close);
        await(lb.close());
        backends.close();
        await(vertx.close());
    }

    private DatagramSocket client() throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        s.setSoTimeout(5_000);
        clients.add(s);
        return s;
    }

    /** Sends one datagram to the frontend; returns the reply after checking it came from the frontend. */
    private String ask(DatagramSocket client, String payload) throws IOException {
        byte[] data = payload.getBytes(StandardCharsets.UTF_8);
        int port = TestNet.boundPort(lb, dns(List.of()));
        client.send(new DatagramPacket(data, data.length, InetAddress.getByName(LOOPBACK), port));
        DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
        client.receive(reply);
        assertEquals(port, reply.getPort(), "replies come from the frontend address");
        return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
    }

    private ServiceFrontend dns(List<Backend> set) {
        return ServiceFrontend.udp("kube-system/dns:53/UDP", LOOPBACK, 0, set); // port 0: see TestNet.boundPort
    }

    @Test
    void newSessionsGoRoundRobinAndRepliesComeBack() throws IOException {
        await(lb.apply(List.of(dns(List.of(backends.udp("u0"), backends.udp("u1"), backends.udp("u2"))))));
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < 9; i++) {
            String reply = ask(client(), "q" + i);
            assertEquals("q" + i, reply.substring(reply.indexOf(':') + 1));
            counts.merge(reply.substring(0, reply.indexOf(':')), 1, Integer::sum);
        }
        assertEquals(Map.of("u0", 3, "u1", 3, "u2", 3), counts);
    }

    @Test
    void oneClientStaysOnItsSessionBackend() throws IOException {
        await(lb.apply(List.of(dns(List.of(backends.udp("u0"), backends.udp("u1"))))));
        DatagramSocket c = client();
        String first = ask(c, "a").split(":")[0];
        for (int i = 0; i < 10; i++) {
            assertEquals(first + ":" + i, ask(c, Integer.toString(i)));
        }
    }

    @Test
    void idleSessionExpiresAndTheNextDatagramStartsANewOne() throws Exception {
        await(lb.apply(List.of(dns(List.of(backends.udp("u0"), backends.udp("u1"))))));
        DatagramSocket c = client();
        String first = ask(c, "a").split(":")[0];
        Thread.sleep(1_000); // the thing under test is the 300 ms idle timeout itself
        assertNotEquals(first, ask(c, "b").split(":")[0], "an expired session takes the next backend");
    }

    @Test
    void sessionToARemovedBackendMovesOn() throws IOException {
        Backend u0 = backends.udp("u0");
        Backend u1 = backends.udp("u1");
        await(lb.apply(List.of(dns(List.of(u0, u1)))));
        DatagramSocket c = client();
        String first = ask(c, "a").split(":")[0];
        await(lb.apply(List.of(dns(List.of(first.equals("u0") ? u1 : u0)))));
        assertNotEquals(first, ask(c, "b").split(":")[0]);
    }

    @Test
    void clientIpAffinityKeepsNewSessionsOnOneBackend() throws IOException {
        await(lb.apply(List.of(dns(List.of(backends.udp("u0"), backends.udp("u1"), backends.udp("u2")))
                .withAffinity(Affinity.clientIp(Duration.ofMinutes(1))))));
        String first = ask(client(), "x").split(":")[0];
        for (int i = 0; i < 6; i++) {
            assertEquals(first, ask(client(), "y").split(":")[0], "every new client port from 127.0.0.1 sticks");
        }
    }

    @Test
    void noBackendsMeansNoReply() throws IOException {
        await(lb.apply(List.of(dns(List.of()))));
        DatagramSocket c = client();
        c.setSoTimeout(300);
        assertThrows(SocketTimeoutException.class, () -> ask(c, "lost"));
    }
}
