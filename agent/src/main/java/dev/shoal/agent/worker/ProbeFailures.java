package dev.shoal.agent.worker;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Why a probe failed, in the words kubelet's prober uses (Go's net/http and net errors), so what
 * users search for reads the same: {@code HTTP probe failed with statuscode: 503}, {@code dial tcp
 * 10.0.0.4:80: connect: connection refused}, {@code Get "http://10.0.0.4:80/": context deadline
 * exceeded (Client.Timeout exceeded while awaiting headers)}.
 */
final class ProbeFailures {
  /**
   * The most of a command's output kept in a message (kubelet caps probe output at 10 KiB; events
   * hold 1 KiB).
   */
  static final int MAX_OUTPUT = 512;

  private ProbeFailures() {}

  static String statusCode(int code) {
    return "HTTP probe failed with statuscode: " + code;
  }

  static String exitCode(int code, String output) {
    String text = output == null ? "" : output.strip();
    if (text.length() > MAX_OUTPUT) {
      text = text.substring(0, MAX_OUTPUT) + "...";
    }
    return "command failed with exit code " + code + (text.isEmpty() ? "" : ": " + text);
  }

  static String commandTimedOut(List<String> command) {
    return "command \"" + String.join(" ", command) + "\" timed out";
  }

  /** A TCP connect that failed: {@code dial tcp HOST:PORT: ...}. */
  static String dial(String host, int port, Throwable e) {
    return "dial tcp " + host + ":" + port + ": " + netError(e);
  }

  /** An HTTP GET that failed before a status came back. */
  static String get(String url, String host, int port, Throwable e) {
    if (isTimeout(e)) {
      return "Get \""
          + url
          + "\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
    }
    if (isConnect(e)) {
      return "Get \"" + url + "\": " + dial(host, port, e);
    }
    return "Get \"" + url + "\": " + String.valueOf(e.getMessage());
  }

  private static String netError(Throwable e) {
    if (isTimeout(e)) {
      return "i/o timeout";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NoRouteToHostException) {
        return "connect: no route to host";
      }
      String m = String.valueOf(t.getMessage()).toLowerCase();
      if (m.contains("connection refused")) {
        return "connect: connection refused";
      }
      if (m.contains("no route to host")) {
        return "connect: no route to host";
      }
      if (m.contains("network is unreachable")) {
        return "connect: network is unreachable";
      }
    }
    return "connect: " + String.valueOf(e.getMessage());
  }

  private static boolean isConnect(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || String.valueOf(t.getMessage()).toLowerCase().contains("connection refused")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String name = t.getClass().getName();
      if (t instanceof TimeoutException
          || name.endsWith("TimeoutException")
          || name.contains("Timeout")
          || String.valueOf(t.getMessage()).toLowerCase().contains("timed out")) {
        return true;
      }
    }
    return false;
  }
}
