package dev.shoal.agent.runtime.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in Docker engine for transport properties only: it answers {@code GET /version} (so a
 * runtime can connect), a log read with one line and then a cut connection, and every other request
 * either gets {@code []} or, while {@link #hang} is set, no answer at all (the connection stays
 * open and silent, like a wedged engine). Listens on a unix socket or on TCP loopback.
 */
final class FakeEngine implements AutoCloseable {
  private static final String VERSION =
      "{\"ApiVersion\":\"1.41\",\"Version\":\"20.10.24-fake\",\"MinAPIVersion\":\"1.12\"}";

  volatile boolean hang;

  /** Requests that got no answer, and how many of their connections the client has closed since. */
  final AtomicInteger hungRequests = new AtomicInteger();

  final AtomicInteger hungConnectionsClosedByClient = new AtomicInteger();

  /** Notified whenever a hung connection closes. */
  private final Object hungClosed = new Object();

  private final ServerSocketChannel server;
  private final String dockerHost;
  private final Path socketFile;
  private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private FakeEngine(ServerSocketChannel server, String dockerHost, Path socketFile) {
    this.server = server;
    this.dockerHost = dockerHost;
    this.socketFile = socketFile;
    Thread accept = new Thread(this::acceptLoop, "fake-engine-accept");
    accept.setDaemon(true);
    accept.start();
  }

  static FakeEngine unix(Path dir) throws IOException {
    Path file = dir.resolve("engine.sock");
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(file));
    return new FakeEngine(server, "unix://" + file, file);
  }

  /** Bound to port 0 and read back: no race for a free port. */
  static FakeEngine tcp() throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
    return new FakeEngine(server, "tcp://127.0.0.1:" + port, null);
  }

  String dockerHost() {
    return dockerHost;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        SocketChannel c = server.accept();
        connections.add(c);
        Thread t = new Thread(() -> serve(c), "fake-engine-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(SocketChannel c) {
    boolean hung = false;
    try (c) {
      while (true) {
        String head = readHead(c);
        if (head == null) {
          return;
        }
        String path = head.split(" ", 3)[1];
        if (path.endsWith("/version")) {
          answer(c, VERSION);
        } else if (path.contains("/logs?")) {
          brokenLog(c);
          return;
        } else if (hang) {
          hungRequests.incrementAndGet();
          hung = true;
          // Say nothing; wait for the client to give up and close its end (an end of stream, or a
          // reset).
          c.read(ByteBuffer.allocate(1));
          closedByClient();
          return;
        } else {
          answer(c, "[]");
        }
      }
    } catch (IOException e) {
      if (hung) {
        closedByClient();
      }
    }
  }

  private void closedByClient() {
    synchronized (hungClosed) {
      hungConnectionsClosedByClient.incrementAndGet();
      hungClosed.notifyAll();
    }
  }

  /**
   * Waits, woken by each close, until the client has closed every hung connection; false if it has
   * not within {@code timeout}.
   */
  boolean awaitHungConnectionsClosed(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (hungClosed) {
      while (hungConnectionsClosedByClient.get() < hungRequests.get()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(hungClosed, left);
      }
      return true;
    }
  }

  /** The request line and headers; null when the client closed. Bodies are not expected here. */
  private static String readHead(SocketChannel c) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    ByteBuffer one = ByteBuffer.allocate(1);
    while (true) {
      one.clear();
      if (c.read(one) < 0) {
        return null;
      }
      head.write(one.array()[0]);
      String text = head.toString(StandardCharsets.ISO_8859_1);
      if (text.endsWith("\r\n\r\n")) {
        return text;
      }
    }
  }

  /**
   * A log stream that sends one frame ("line one") and then breaks off: no last chunk, connection
   * gone.
   */
  private static void brokenLog(SocketChannel c) throws IOException {
    byte[] payload = "line one\n".getBytes(StandardCharsets.UTF_8);
    ByteBuffer frame = ByteBuffer.allocate(8 + payload.length);
    frame
        .put((byte) 1)
        .put((byte) 0)
        .put((byte) 0)
        .put((byte) 0)
        .putInt(payload.length)
        .put(payload)
        .flip();
    String head =
        "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + Integer.toHexString(frame.remaining())
            + "\r\n";
    c.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1)));
    c.write(frame);
    c.write(ByteBuffer.wrap("\r\n".getBytes(StandardCharsets.ISO_8859_1)));
  }

  private static void answer(SocketChannel c, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    c.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1)));
    c.write(ByteBuffer.wrap(body));
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (SocketChannel c : connections) {
      c.close();
    }
    if (socketFile != null) {
      Files.deleteIfExists(socketFile);
    }
  }
}
