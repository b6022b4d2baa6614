package dev.shoal.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A TCP connection to a {@code netecho serve} replica (image {@code shoal-test/netecho:1}) kept
 * open: the greeting ({@code <hostname> <peer-ip>:<peer-port>}) is read at once and names the
 * replica; later {@link #echoes} checks that the connection still carries data both ways.
 */
final class HeldConnection implements AutoCloseable {
  private final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;
  private final String pod;

  private HeldConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in =
        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    this.out = socket.getOutputStream();
    String greeting = in.readLine();
    if (greeting == null) {
      throw new IOException("closed before the greeting");
    }
    this.pod = greeting.split(" ")[0];
  }

  static HeldConnection open(String ip, int port) {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(ip, port), 2000);
      socket.setSoTimeout(2000);
      return new HeldConnection(socket);
    } catch (IOException e) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already failing
      }
      throw new UncheckedIOException("connecting to " + ip + ":" + port, e);
    }
  }

  /** The replica that answered (its hostname, which is its pod name). */
  String pod() {
    return pod;
  }

  /** Sends a line and reads it back within 2 s; false if the connection broke or stayed silent. */
  boolean echoes(String line) {
    try {
      out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      return line.equals(in.readLine());
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing left to do
    }
  }

  @Override
  public String toString() {
    return "connection to " + pod + " from local port " + socket.getLocalPort();
  }
}
