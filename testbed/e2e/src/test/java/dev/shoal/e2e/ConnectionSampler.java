package dev.shoal.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opens a new TCP connection to one address every few milliseconds on its own thread and records
 * which replica greeted each (the first word of the first line, as {@code netecho serve} and {@code
 * hostname} servers answer). Times are {@link System#nanoTime()}, comparable with the test's own.
 */
final class ConnectionSampler implements AutoCloseable {

  /**
   * @param openedNanos when the connect began
   * @param answeredNanos when the greeting arrived (or the attempt failed)
   * @param pod who answered, "" when the connection failed
   * @param error why it failed, "" when it was answered
   */
  record Sample(long openedNanos, long answeredNanos, String pod, String error) {
    boolean answered() {
      return !pod.isEmpty();
    }
  }

  private static final long PAUSE_MS = 5;

  private final String ip;
  private final int port;
  private final List<Sample> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  private ConnectionSampler(String ip, int port) {
    this.ip = ip;
    this.port = port;
    this.thread = new Thread(this::run, "sampler-" + ip + ":" + port);
    thread.setDaemon(true);
  }

  static ConnectionSampler start(String ip, int port) {
    ConnectionSampler sampler = new ConnectionSampler(ip, port);
    sampler.thread.start();
    return sampler;
  }

  /** Every sample so far. */
  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** The last connection the given replica answered, if any. */
  Optional<Sample> lastAnsweredBy(String pod) {
    List<Sample> all = samples();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).pod().equals(pod)) {
        return Optional.of(all.get(i));
      }
    }
    return Optional.empty();
  }

  /**
   * The first connection the given replica answered that was opened after {@code nanos}, if any.
   */
  Optional<Sample> firstAnsweredByAfter(String pod, long nanos) {
    return samples().stream()
        .filter(s -> s.openedNanos() > nanos && s.pod().equals(pod))
        .findFirst();
  }

  private void run() {
    while (running) {
      Sample sample = once();
      synchronized (this) {
        samples.add(sample);
      }
      try {
        Thread.sleep(PAUSE_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private Sample once() {
    long opened = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(ip, port), 2000);
      socket.setSoTimeout(2000);
      String line =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      if (line == null || line.isBlank()) {
        return new Sample(opened, System.nanoTime(), "", "closed without a greeting");
      }
      return new Sample(opened, System.nanoTime(), line.split(" ")[0], "");
    } catch (IOException e) {
      return new Sample(opened, System.nanoTime(), "", e.toString());
    }
  }

  /** Stops after the connection in flight. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
