package dev.shoal.agent.runtime.docker;

import dev.shoal.agent.runtime.ExecSession;
import dev.shoal.agent.runtime.LogRelay;
import dev.shoal.agent.runtime.RuntimeFailure;
import dev.shoal.agent.runtime.StdinPipe;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's attach protocol on a connection of its own: {@code POST} with {@code Upgrade: tcp}
 * to an exec's {@code /start} or a container's {@code /attach}, then the raw stream both ways. The
 * output is demultiplexed (8-byte frame headers, unless a terminal makes it one raw stream) into a
 * {@link LogRelay}, tagged with its stream; stdin is copied from a {@link StdinPipe} and its end
 * half-closes the connection, which the engine passes on as the process's end of file. (docker-java
 * 3.7's hijacking transport did not deliver that end here, so the one call that needs it is made
 * directly.) Two threads per stream, both ended by {@link #close()}.
 */
final class HijackedStream {
  private static final Logger LOG = LoggerFactory.getLogger(HijackedStream.class);

  final LogRelay relay;
  final Promise<Void> started = Promise.promise();
  private final Context context;
  private final String what;
  private final SocketChannel channel;
  private volatile boolean closed;

  private HijackedStream(Context context, String what, SocketChannel channel) {
    this.context = context;
    this.what = what;
    this.channel = channel;
    this.relay = new LogRelay(context, this::close);
  }

  /**
   * Opens {@code path} (e.g. {@code /v1.41/exec/ID/start}) with {@code body} on the engine at
   * {@code host}; {@code raw} when a terminal makes the output one unframed stream. Blocking: call
   * it off the event loop. {@link #started} completes once the engine has switched protocols.
   */
  static HijackedStream open(
      Context context,
      String host,
      String path,
      String body,
      boolean raw,
      StdinPipe stdin,
      String what) {
    SocketChannel channel;
    try {
      channel = SocketChannel.open(address(host));
    } catch (IOException e) {
      throw new RuntimeFailure(
          RuntimeFailure.Kind.TEMPORARY, what + ": cannot reach the engine: " + e, null, e);
    }
    HijackedStream stream = new HijackedStream(context, what, channel);
    Thread reader = new Thread(() -> stream.read(path, body, raw, stdin), "shoal-exec-out");
    reader.setDaemon(true);
    reader.start();
    return stream;
  }

  private static SocketAddress address(String host) {
    URI uri = URI.create(host);
    if ("unix".equals(uri.getScheme())) {
      return UnixDomainSocketAddress.of(uri.getPath());
    }
    return new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort());
  }

  private void read(String path, String body, boolean raw, StdinPipe stdin) {
    try {
      byte[] json = body.getBytes(StandardCharsets.UTF_8);
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n"
              + "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: "
              + json.length
              + "\r\n\r\n";
      writeFully(ByteBuffer.wrap((head + body).getBytes(StandardCharsets.UTF_8)));
      ByteBuffer in = ByteBuffer.allocate(64 * 1024);
      int status = readHead(in);
      if (status != 101 && status != 200) {
        String answer = StandardCharsets.UTF_8.decode(in).toString().trim();
        RuntimeFailure failure =
            new RuntimeFailure(
                status == 404
                    ? RuntimeFailure.Kind.NOT_FOUND
                    : status == 409 ? RuntimeFailure.Kind.CONFLICT : RuntimeFailure.Kind.FATAL,
                what + ": the engine answered " + status + " " + answer);
        context.runOnContext(v -> started.tryFail(failure));
        close();
        return;
      }
      context.runOnContext(v -> started.tryComplete());
      if (stdin != null) {
        Thread writer = new Thread(() -> write(stdin), "shoal-exec-in");
        writer.setDaemon(true);
        writer.start();
      }
      if (raw) {
        copyRaw(in);
      } else {
        demultiplex(in);
      }
      relay.finish();
    } catch (IOException | InterruptedException e) {
      if (!closed) {
        RuntimeFailure failure =
            new RuntimeFailure(RuntimeFailure.Kind.TEMPORARY, what + " broke off: " + e, null, e);
        context.runOnContext(
            v -> {
              if (!started.tryFail(failure)) {
                LOG.warn("{}", failure.getMessage());
                relay.fail(failure);
              }
            });
      }
    } finally {
      close();
    }
  }

  /** Reads the response head; leaves what followed it in {@code in} (flipped for reading). */
  private int readHead(ByteBuffer in) throws IOException {
    while (true) {
      if (channel.read(in) < 0) {
        throw new IOException("the engine closed the connection before answering");
      }
      byte[] seen = new byte[in.position()];
      in.duplicate().flip().get(seen);
      String text = new String(seen, StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      if (end >= 0) {
        int status = Integer.parseInt(text.substring(9, 12));
        in.flip();
        in.position(end + 4);
        in.compact();
        in.flip();
        return status;
      }
      if (!in.hasRemaining()) {
        throw new IOException("the engine's answer head is too long");
      }
    }
  }

  private void copyRaw(ByteBuffer in) throws IOException, InterruptedException {
    while (true) {
      if (in.hasRemaining()) {
        byte[] chunk = new byte[in.remaining()];
        in.get(chunk);
        if (!push(ExecSession.STDOUT, chunk)) {
          return;
        }
      }
      in.clear();
      if (channel.read(in) < 0) {
        return;
      }
      in.flip();
    }
  }

  private void demultiplex(ByteBuffer in) throws IOException, InterruptedException {
    while (true) {
      if (!fill(in, 8)) {
        return;
      }
      int stream = in.get() & 0xff;
      in.position(in.position() + 3);
      int size = in.getInt();
      byte[] payload = new byte[size];
      int at = 0;
      while (at < size) {
        if (!in.hasRemaining() && !fill(in, 1)) {
          throw new IOException("the engine's stream ended inside a frame");
        }
        int n = Math.min(in.remaining(), size - at);
        in.get(payload, at, n);
        at += n;
      }
      if (size > 0 && !push(stream == 2 ? ExecSession.STDERR : ExecSession.STDOUT, payload)) {
        return;
      }
    }
  }

  /** Makes at least {@code n} bytes readable in {@code in}; false at a clean end before any. */
  private boolean fill(ByteBuffer in, int n) throws IOException {
    while (in.remaining() < n) {
      in.compact();
      int read = channel.read(in);
      in.flip();
      if (read < 0) {
        if (in.hasRemaining()) {
          throw new IOException("the engine's stream ended inside a frame header");
        }
        return false;
      }
    }
    return true;
  }

  private boolean push(byte stream, byte[] payload) throws InterruptedException {
    Buffer tagged = Buffer.buffer(payload.length + 1).appendByte(stream).appendBytes(payload);
    return relay.push(tagged);
  }

  private void write(StdinPipe stdin) {
    byte[] buffer = new byte[16 * 1024];
    try {
      int n;
      while ((n = stdin.read(buffer, 0, buffer.length)) >= 0) {
        writeFully(ByteBuffer.wrap(buffer, 0, n));
      }
      channel.shutdownOutput(); // the process reads end of file
    } catch (IOException e) {
      if (!closed) {
        LOG.debug("{}: stdin copy ended: {}", what, e.toString());
      }
    }
  }

  private void writeFully(ByteBuffer data) throws IOException {
    while (data.hasRemaining()) {
      channel.write(data);
    }
  }

  /** Ends both directions and the engine's connection; safe from any thread, more than once. */
  void close() {
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing {}", what, e);
    }
  }
}
