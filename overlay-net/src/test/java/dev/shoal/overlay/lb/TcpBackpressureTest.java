package dev.shoal.overlay.lb;

import static dev.shoal.overlay.lb.TestNet.LOOPBACK;
import static dev.shoal.overlay.lb.TestNet.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A backend streams 64 MiB as fast as the proxy takes it while the client does not read. If the
 * proxy kept reading regardless, the backend would finish writing (the proxy holding the rest in
 * memory); with backpressure the backend's writes stall once the socket buffers on the way are full.
 * Then the client reads everything slowly and checks every byte.
 */
class TcpBackpressureTest {

    private static final long TOTAL = 64L << 20;
    private static final int CHUNK = 64 << 10;

    /** Byte {@code i} of the stream; not periodic in any buffer size so shifted or lost data shows. */
    private static byte patternAt(long i) {
        return (byte) ((i * 31 + (i >>> 13)) & 0xff);
    }

    @Test
    void slowReaderStallsTheBackendAndGetsEveryByte() throws Exception {
        Vertx vertx = TestNet.vertx();
        LoadBalancer lb = LoadBalancer.create(vertx, LoadBalancerOptions.defaults());
        AtomicLong written = new AtomicLong();
        try (ServerSocket backend = new ServerSocket(0, 50, InetAddress.getByName(LOOPBACK))) {
            Thread writer = new Thread(() -> stream(backend, written), "backend-writer");
            writer.setDaemon(true);
            writer.start();
            ServiceFrontend bulk = ServiceFrontend.tcp("default/bulk:9/TCP", LOOPBACK, 0,
                    List.of(new Backend(LOOPBACK, backend.getLocalPort())));
            await(lb.apply(List.of(bulk)));
            int port = TestNet.boundPort(lb, bulk);
            try (Socket client = new Socket()) {
                client.setReceiveBufferSize(CHUNK);
                client.connect(new java.net.InetSocketAddress(LOOPBACK, port));
                client.setSoTimeout(30_000);

                long stalledAt = waitForStall(written);
                System.out.printf("backpressure: backend stalled after %.1f MiB of %d MiB while the client read nothing%n",
                        stalledAt / 1048576.0, TOTAL >> 20);
                assertTrue(stalledAt < TOTAL * 3 / 4, "the backend wrote " + stalledAt + " bytes: the proxy did not push back");

                long read = readAndCheck(client.getInputStream());
                assertEquals(TOTAL, read);
            }
            writer.join(30_000);
            assertEquals(TOTAL, written.get());
        } finally {
            await(lb.close());
            await(vertx.close());
        }
    }

    private static void stream(ServerSocket backend, AtomicLong written) {
        try (Socket s = backend.accept()) {
            s.setSendBufferSize(CHUNK);
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[CHUNK];
            for (long off = 0; off < TOTAL; off += CHUNK) {
                for (int i = 0; i < CHUNK; i++) {
                    buf[i] = patternAt(off + i);
                }
                out.write(buf);
                written.addAndGet(CHUNK);
            }
        } catch (IOException e) {
            // the reader's assertions report a short stream
        }
    }

    /** Polls until the writer has made no progress for a second; returns the bytes written by then. */
    private static long waitForStall(AtomicLong written) throws InterruptedException {
        long last = -1;
        long unchangedSince = System.nanoTime();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            long now = written.get();
            if (now != last) {
                last = now;
                unchangedSince = System.nanoTime();
            } else if (System.nanoTime() - unchangedSince > 1_000_000_000L) {
                return now;
            }
            Thread.sleep(50);
        }
        return written.get();
    }

    private static long readAndCheck(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        long pos = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                if (buf[i] != patternAt(pos + i)) {
                    throw new AssertionError("byte " + (pos + i) + " differs");
                }
            }
            pos += n;
        }
        return pos;
    }
}
