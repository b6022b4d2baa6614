package dev.shoal.agent.runtime;

/**
 * Which part of a container's log to read, as {@code kubectl logs} asks for it.
 *
 * @param follow keep the stream open and send new output as the container writes it
 * @param tailLines only the last this many lines, or null for all
 * @param sinceSeconds only output of the last this many seconds, or null for all
 * @param timestamps prefix every line with its RFC 3339 time
 */
public record LogOptions(boolean follow, Integer tailLines, Long sinceSeconds, boolean timestamps) {
  public static final LogOptions ALL = new LogOptions(false, null, null, false);

  public static LogOptions tail(Integer lines) {
    return new LogOptions(false, lines, null, false);
  }
}
