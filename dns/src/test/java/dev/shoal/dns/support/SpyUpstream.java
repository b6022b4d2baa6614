package dev.shoal.dns.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An upstream resolver the test drives by hand, on a plain socket on 127.0.0.1: it records every
 * query it receives (id, the forwarder's source address, the bytes) and answers only when told to,
 * so a test can race forged answers against the real one. {@link #answer} sends from the upstream's
 * own socket; {@link #response} builds an answer a forger would send from elsewhere.
 */
public final class SpyUpstream implements AutoCloseable {

  /** A query as it arrived: its id, where it came from, its bytes. */
  public record Received(int id, InetSocketAddress from, byte[] message) {
    /** The question section: name, type and class. */
    public byte[] question() {
      int pos = 12;
      while (message[pos] != 0) {
        pos += (message[pos] & 0xff) + 1;
      }
      return Arrays.copyOfRange(message, 12, pos + 5);
    }
  }

  private final DatagramSocket socket;
  private final BlockingQueue<Received> queries = new LinkedBlockingQueue<>();
  private final Thread reader;

  public SpyUpstream() {
    try {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
    reader = new Thread(this::read, "spy-upstream");
    reader.setDaemon(true);
    reader.start();
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** The next query that arrived, waiting up to 10 s for it. */
  public Received next() throws InterruptedException {
    Received q = queries.poll(10, TimeUnit.SECONDS);
    if (q == null) {
      throw new AssertionError("no query reached the upstream " + address());
    }
    return q;
  }

  /** Answers {@code q} from this upstream's own socket, with {@code ip} as its one A record. */
  public void answer(Received q, int id, byte[] question, byte[] ip) throws IOException {
    byte[] r = response(id, question, ip);
    socket.send(new DatagramPacket(r, r.length, q.from()));
  }

  /**
   * A response: {@code id}, QR RD RA, {@code question}, one A record (TTL 300) pointing back at the
   * question.
   */
  public static byte[] response(int id, byte[] question, byte[] ip) {
    ByteBuffer b = ByteBuffer.allocate(12 + question.length + 16);
    b.putShort((short) id)
        .putShort((short) 0x8180)
        .putShort((short) 1)
        .putShort((short) 1)
        .putShort((short) 0)
        .putShort((short) 0);
    b.put(question);
    b.putShort((short) 0xc00c)
        .putShort((short) 1)
        .putShort((short) 1)
        .putInt(300)
        .putShort((short) 4)
        .put(ip);
    return b.array();
  }

  @Override
  public void close() {
    socket.close();
  }

  private void read() {
    byte[] buffer = new byte[4096];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(p);
      } catch (IOException closed) {
        return;
      }
      byte[] message = Arrays.copyOf(p.getData(), p.getLength());
      int id = (message[0] & 0xff) << 8 | (message[1] & 0xff);
      queries.add(new Received(id, (InetSocketAddress) p.getSocketAddress(), message));
    }
  }
}
