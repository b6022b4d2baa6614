package dev.shoal.overlay.lb;

import static dev.shoal.overlay.lb.TestNet.LOOPBACK;
import static dev.shoal.overlay.lb.TestNet.await;
import static dev.shoal.overlay.lb.TestNet.backendIdVia;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.overlay.lb.TestNet.LineClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The TCP proxy with real sockets on 127.0.0.1. */
class TcpLoadBalancerTest {

    private Vertx vertx;
    private EchoBackends backends;
    private LoadBalancer lb;

    @BeforeEach
    void setUp() {
        vertx = TestNet.vertx();
        backends = new EchoBackends(vertx);
        lb = LoadBalancer.create(vertx, LoadBalancerOptions.defaults());
    }

    @AfterEach
    void tearDown() {
        await(lb.close());
        backends.close();
        await(vertx.close());
    }

    private List<Backend> tcpBackends(String... ids) {
        List<Backend> out = new ArrayList<>();
        for (String id : ids) {
            out.add(backends.tcp(id));
        }
        return out;
    }

    /** The frontend most tests use; it asks for port 0 and {@link #port()} reads back what it got. */
    private ServiceFrontend web(List<Backend> set) {
        return ServiceFrontend.tcp("default/web:80/TCP", LOOPBACK, 0, set);
    }

    private int port() {
        return TestNet.boundPort(lb, web(List.of()));
    }

    @ParameterizedTest(name = "{0} event loops")
    @ValueSource(ints = {1, 2, 4})
    void sixtyConnectionsOverSixBackendsSpreadExactlyTenEach(int loops) throws IOException {
        await(lb.close());
        lb = LoadBalancer.create(vertx, LoadBalancerOptions.defaults().withTcpEventLoops(loops));
        await(lb.apply(List.of(web(tcpBackends("b0", "b1", "b2", "b3", "b4", "b5")))));
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < 60; i++) {
            counts.merge(backendIdVia(port()), 1, Integer::sum);
        }
        assertEquals(Map.of("b0", 10, "b1", 10, "b2", 10, "b3", 10, "b4", 10, "b5", 10), counts);
    }

    @Test
    void deadBackendIsSkipped() throws IOException {
        try (TestNet.RefusingPort dead = new TestNet.RefusingPort()) {
            List<Backend> set = new ArrayList<>(tcpBackends("alive-1", "alive-2"));
            set.add(1, dead.backend());
            await(lb.apply(List.of(web(set))));
            Map<String, Integer> counts = new TreeMap<>();
            for (int i = 0; i < 30; i++) {
                counts.merge(backendIdVia(port()), 1, Integer::sum);
            }
            assertEquals(Set.of("alive-1", "alive-2"), counts.keySet());
            assertEquals(30, counts.values().stream().mapToInt(Integer::intValue).sum());
        }
    }

    @Test
    void noReadyBackendClosesTheClient() throws IOException {
        await(lb.apply(List.of(web(List.of()))));
        try (Socket s = new Socket(LOOPBACK, port())) {
            s.setSoTimeout(5_000);
            assertEquals(-1, s.getInputStream().read());
        }
    }

    @Test
    void removedBackendGetsNoNewConnectionsButEstablishedOneKeepsWorking() throws IOException {
        List<Backend> set = tcpBackends("x", "y", "z");
        await(lb.apply(List.of(web(set))));
        try (LineClient established = new LineClient(port())) {
            String pinned = established.readLine();
            Backend removed = set.get(List.of("x", "y", "z").indexOf(pinned));
            List<Backend> rest = new ArrayList<>(set);
            rest.remove(removed);
            await(lb.apply(List.of(web(rest))));
            for (int i = 0; i < 12; i++) {
                assertNotEquals(pinned, backendIdVia(port()));
            }
            assertEquals("still here", established.echo("still here"));
        }
    }

    @Test
    void frontendsAreAddedUpdatedAndRemovedAtRunTime() throws IOException {
        List<Backend> set = tcpBackends("a", "b");
        // a second loopback address, so that both frontends can ask for port 0
        String otherIp = "127.0.0.2";
        ServiceFrontend second = ServiceFrontend.tcp("default/api:8080/TCP", otherIp, 0, List.of(set.get(1)));
        await(lb.apply(List.of(web(List.of(set.get(0))))));
        int port = port();
        assertEquals("a", backendIdVia(port));
        await(lb.apply(List.of(web(List.of(set.get(0))), second)));
        int other = TestNet.boundPort(lb, second);
        assertEquals("b", TestNet.backendIdVia(otherIp, other));
        await(lb.apply(List.of(web(List.of(set.get(1))), second)));
        assertEquals(port, port(), "updated in place, on the port it had");
        assertEquals("b", backendIdVia(port));
        await(lb.apply(List.of(second)));
        assertEquals(-1, lb.boundPort(web(List.of()).listenAddress()));
        assertThrows(ConnectException.class, () -> new Socket(LOOPBACK, port).close());
        assertEquals("b", TestNet.backendIdVia(otherIp, other));
        assertEquals(List.of("default/api:8080/TCP"), lb.running().stream().map(ServiceFrontend::key).toList());
    }

    @Test
    void badFrontendsAreReportedWithoutStoppingTheGoodOnes() throws IOException {
        List<Backend> set = tcpBackends("a");
        ServiceFrontend sctp = new ServiceFrontend("default/s:1/SCTP", "sctp", LOOPBACK, 0, set, null);
        ServiceFrontend clash = ServiceFrontend.tcp("default/clash:80/TCP", LOOPBACK, 0, set);
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> lb.apply(List.of(web(set), sctp, clash)).toCompletionStage().toCompletableFuture().get());
        LoadBalancer.ApplyException problems = assertInstanceOf(LoadBalancer.ApplyException.class, failure.getCause());
        assertEquals(2, problems.problems().size(), problems.getMessage());
        assertTrue(problems.getMessage().contains("protocol 'SCTP' is not supported"), problems.getMessage());
        assertTrue(problems.getMessage().contains("already used by default/web:80/TCP"), problems.getMessage());
        assertEquals("a", backendIdVia(port()));
    }

    @Test
    void clientIpAffinityKeepsOneBackendWhileItStaysReady() throws IOException {
        List<Backend> set = tcpBackends("p", "q", "r");
        ServiceFrontend sticky = web(set).withAffinity(Affinity.clientIp(Duration.ofMinutes(5)));
        await(lb.apply(List.of(sticky)));
        String first = backendIdVia(port());
        for (int i = 0; i < 9; i++) {
            assertEquals(first, backendIdVia(port()));
        }
        List<Backend> rest = new ArrayList<>(set);
        rest.remove(List.of("p", "q", "r").indexOf(first));
        await(lb.apply(List.of(sticky.withBackends(rest))));
        String second = backendIdVia(port());
        assertNotEquals(first, second);
        for (int i = 0; i < 5; i++) {
            assertEquals(second, backendIdVia(port()));
        }
        await(lb.apply(List.of(web(set))));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            seen.add(backendIdVia(port()));
        }
        assertEquals(3, seen.size(), "without affinity the connections go round-robin again");
    }

    @Test
    void halfCloseIsPassedOnAndTheReplyStillArrives() throws Exception {
        try (ServerSocket backend = new ServerSocket(0, 50, java.net.InetAddress.getByName(LOOPBACK))) {
            Thread server = new Thread(() -> {
                try (Socket s = backend.accept()) {
                    byte[] all = s.getInputStream().readAllBytes();
                    s.getOutputStream().write(("got " + all.length + " bytes\n").getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the test's assertions report the failure
                }
            });
            server.start();
            await(lb.apply(List.of(web(List.of(new Backend(LOOPBACK, backend.getLocalPort()))))));
            try (Socket client = new Socket(LOOPBACK, port())) {
                client.setSoTimeout(10_000);
                client.getOutputStream().write("hello world".getBytes(StandardCharsets.UTF_8));
                client.shutdownOutput();
                InputStream in = client.getInputStream();
                assertEquals("got 11 bytes\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            server.join(10_000);
        }
    }

    @Test
    void afterTheBackendsFinTheClientCanStillSendToIt() throws Exception {
        try (ServerSocket backend = new ServerSocket(0, 50, java.net.InetAddress.getByName(LOOPBACK))) {
            java.util.concurrent.CompletableFuture<String> received = new java.util.concurrent.CompletableFuture<>();
            Thread server = new Thread(() -> {
                try (Socket s = backend.accept()) {
                    s.getOutputStream().write("bye\n".getBytes(StandardCharsets.UTF_8));
                    s.shutdownOutput();
                    received.complete(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    received.completeExceptionally(e);
                }
            });
            server.start();
            await(lb.apply(List.of(web(List.of(new Backend(LOOPBACK, backend.getLocalPort()))))));
            try (Socket client = new Socket(LOOPBACK, port())) {
                client.setSoTimeout(10_000);
                assertEquals("bye\n", new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                client.getOutputStream().write("still talking".getBytes(StandardCharsets.UTF_8));
                client.shutdownOutput();
                assertEquals("still talking", received.get(10, java.util.concurrent.TimeUnit.SECONDS));
            }
            server.join(10_000);
        }
    }

    @Test
    void whatTheClientSentBeforeAFailedFirstBackendStillArrivesWithItsFin() throws Exception {
        try (ServerSocket backend = new ServerSocket(0, 50, java.net.InetAddress.getByName(LOOPBACK));
             TestNet.RefusingPort dead = new TestNet.RefusingPort()) {
            Thread server = new Thread(() -> {
                try (Socket s = backend.accept()) {
                    byte[] all = s.getInputStream().readAllBytes();
                    s.getOutputStream().write(("got " + new String(all, StandardCharsets.UTF_8) + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the test's assertions report the failure
                }
            });
            server.start();
            // A fresh picker starts at the first backend: the dead one, so the live one is dialed second.
            List<Backend> set = List.of(dead.backend(),
                    new Backend(LOOPBACK, backend.getLocalPort()));
            await(lb.apply(List.of(web(set))));
            try (Socket client = new Socket(LOOPBACK, port())) {
                client.setSoTimeout(10_000);
                client.getOutputStream().write("early".getBytes(StandardCharsets.UTF_8));
                client.shutdownOutput();
                assertEquals("got early\n", new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            server.join(10_000);
        }
    }

    @Test
    void removingTheFrontendClosesItsConnections() throws Exception {
        List<Backend> set = tcpBackends("only");
        await(lb.apply(List.of(web(set))));
        try (LineClient c = new LineClient(port())) {
            assertEquals("only", c.readLine());
            await(lb.apply(List.of()));
            assertEquals(null, c.readLine(), "end of stream once the frontend is gone");
        }
    }

    @Test
    void backendClosingClosesTheClient() throws Exception {
        NetServer closer = vertx.createNetServer().connectHandler(s -> s.end(Buffer.buffer("bye\n")));
        await(closer.listen(0, LOOPBACK));
        await(lb.apply(List.of(web(List.of(new Backend(LOOPBACK, closer.actualPort()))))));
        try (LineClient c = new LineClient(port())) {
            assertEquals("bye", c.readLine());
            assertEquals(null, c.readLine(), "end of stream after the backend closed");
        }
        await(closer.close());
    }

    @Test
    void clientClosingClosesTheBackend() throws Exception {
        List<Backend> set = tcpBackends("only");
        await(lb.apply(List.of(web(set))));
        LineClient c = new LineClient(port());
        assertEquals("only", c.readLine());
        TestNet.poll(Duration.ofSeconds(5), () -> backends.openConnections.get("only").get() == 1, "backend connection");
        c.close();
        TestNet.poll(Duration.ofSeconds(5), () -> backends.openConnections.get("only").get() == 0,
                "the proxy to close the backend side");
    }
}
