package dev.shoal.overlay.lb;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client connection that reads lines; backends greet with their id on the first line. */
    static final class LineClient implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;

        LineClient(int port) throws IOException {
            socket = new Socket(LOOPBACK, port);
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
        try (LineClient c = new LineClient(port)) {
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
