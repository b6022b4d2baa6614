package dev.shoal.agent.firewall;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A real TCP/UDP peer for the firewall tests, run as its own JVM inside a network namespace (a JVM
 * cannot move its sockets into another namespace). Arguments {@code tcp:PORT} / {@code udp:PORT}
 * start echo servers on every address ({@code tcp:ADDRESS:PORT} on one; TCP listeners share ports
 * with SO_REUSEPORT); then it prints {@code READY} and answers one line per command read from
 * stdin:
 *
 * <ul>
 *   <li>{@code connect HOST PORT MILLIS}: a new connection and one echo within the time: {@code OK}
 *       or {@code FAIL why};
 *   <li>{@code open NAME HOST PORT MILLIS}: the same, keeping the connection as NAME;
 *   <li>{@code echo NAME MILLIS}: one more echo over the kept connection;
 *   <li>{@code udp HOST PORT MILLIS}: one datagram answered within the time.
 * </ul>
 *
 * Exits when stdin closes.
 */
public final class NetnsProbe {

  private static final Map<String, Socket> KEPT = new HashMap<>();

  private NetnsProbe() {}

  public static void main(String[] args) throws Exception {
    for (String arg : args) {
      String[] parts = arg.split(":");
      int port = Integer.parseInt(parts[parts.length - 1]);
      InetSocketAddress bind =
          parts.length == 3 ? new InetSocketAddress(parts[1], port) : new InetSocketAddress(port);
      if (parts[0].equals("tcp")) {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        server.bind(bind);
        daemon(() -> acceptLoop(server));
      } else {
        DatagramSocket socket = new DatagramSocket(bind);
        daemon(() -> udpLoop(socket));
      }
    }
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    out.println("READY");
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] w = line.trim().split("\\s+");
      String answer;
      try {
        answer =
            switch (w[0]) {
              case "connect" -> echo(connect(w[1], w[2], w[3]), w[3], true);
              case "open" -> {
                Socket s = connect(w[2], w[3], w[4]);
                KEPT.put(w[1], s);
                yield echo(s, w[4], false);
              }
              case "echo" -> echo(KEPT.get(w[1]), w[2], false);
              case "udp" -> udp(w[1], w[2], w[3]);
              default -> "FAIL unknown command " + w[0];
            };
      } catch (Exception e) {
        answer = "FAIL " + e;
      }
      out.println(answer.replace('\n', ' '));
    }
    System.exit(0);
  }

  private static Socket connect(String host, String port, String millis) throws Exception {
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress(host, Integer.parseInt(port)), Integer.parseInt(millis));
      return s;
    } catch (Exception e) {
      s.close();
      throw e;
    }
  }

  private static String echo(Socket s, String millis, boolean close) throws Exception {
    try {
      s.setSoTimeout(Integer.parseInt(millis));
      String token = "ping-" + System.nanoTime();
      s.getOutputStream().write((token + "\n").getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      BufferedReader r =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8), 1);
      String back = r.readLine();
      return token.equals(back) ? "OK" : "FAIL echoed " + back;
    } catch (SocketTimeoutException e) {
      return "FAIL no echo within " + millis + " ms";
    } finally {
      if (close) {
        s.close();
      }
    }
  }

  private static String udp(String host, String port, String millis) throws Exception {
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(Integer.parseInt(millis));
      byte[] token = ("dgram-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
      s.send(
          new DatagramPacket(
              token, token.length, new InetSocketAddress(host, Integer.parseInt(port))));
      DatagramPacket back = new DatagramPacket(new byte[512], 512);
      s.receive(back);
      return new String(back.getData(), 0, back.getLength(), StandardCharsets.UTF_8)
              .equals(new String(token, StandardCharsets.UTF_8))
          ? "OK"
          : "FAIL wrong datagram";
    } catch (SocketTimeoutException e) {
      return "FAIL no datagram within " + millis + " ms";
    }
  }

  private static void acceptLoop(ServerSocket server) {
    while (true) {
      try {
        Socket s = server.accept();
        daemon(() -> echoLoop(s));
      } catch (Exception e) {
        return;
      }
    }
  }

  private static void echoLoop(Socket s) {
    try (s) {
      BufferedReader r =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
      }
    } catch (Exception ignored) {
      // the peer went away or was cut off
    }
  }

  private static void udpLoop(DatagramSocket socket) {
    byte[] buf = new byte[512];
    while (true) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        socket.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
      } catch (Exception e) {
        return;
      }
    }
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r);
    t.setDaemon(true);
    t.start();
  }
}
