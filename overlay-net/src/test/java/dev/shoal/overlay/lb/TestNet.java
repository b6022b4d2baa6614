package dev.shoal.overlay.lb;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Small blocking helpers for tests: real sockets, waiting on futures and polled conditions. */
final class TestNet {

    static final String LOOPBACK = "127.0.0.1";

    private TestNet() {
    }

    /**
     * Vert.x as the agent creates it: native epoll when netty-transport-native-epoll is on the test
     * classpath, NIO otherwise (the proxy runs on either).
     */
    static Vertx vertx() {
        return Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }

    /**
     * The port a frontend that asked for port 0 was bound to. Frontends in tests ask for 0 and read the
     * port back: a port probed first and bound later can be taken in between (by any socket's ephemeral
     * port), which once failed CI with "Address already in use".
     */
    static int boundPort(LoadBalancer lb, ServiceFrontend frontend) {
        int port = lb.boundPort(frontend.listenAddress());
        if (port <= 0) {
            throw new AssertionError(frontend.key() + " is not listening");
        }
        return port;
    }

    /**
     * A loopback TCP port that refuses connections for as long as this is open: a socket bound to it
     * that never listens, so no other socket can take the port meanwhile (a closed probe could be).
     */
    static final class RefusingPort implements AutoCloseable {
        private final Socket socket = new Socket();

        RefusingPort() {
            try {
                socket.bind(new InetSocketAddress(LOOPBACK, 0));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        Backend backend() {
            return new Backend(LOOPBACK, port());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** A client connection that reads lines; backends greet with their id on the first line. */
    static final class LineClient implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;

        LineClient(int port) throws IOException {
            this(LOOPBACK, port);
        }

        LineClient(String host, int port) throws IOException {
            socket = new Socket(host, port);
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        }

        String readLine() throws IOException {
            return in.readLine();
        }

        String echo(String line) throws IOException {
            socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Connects through the proxy and returns the id the backend greeted with. */
    static String backendIdVia(int port) throws IOException {
        return backendIdVia(LOOPBACK, port);
    }

    static String backendIdVia(String host, int port) throws IOException {
        try (LineClient c = new LineClient(host, port)) {
            return c.readLine();
        }
    }

    static void poll(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
