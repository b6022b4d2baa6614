package dev.shoal.agent.fuzz;

import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request of the run. {@code raw} non-null means: written as bytes on a plain socket (a
 * malformed request no HTTP client would send). {@code watch}: a stream, read up to its status line
 * and then dropped.
 */
record FuzzCase(
    int index,
    String label,
    HttpMethod method,
    String uri,
    List<Map.Entry<String, String>> headers,
    byte[] body,
    boolean watch,
    byte[] raw) {

  static FuzzCase request(
      int index, String label, HttpMethod method, String uri, String contentType, byte[] body) {
    List<Map.Entry<String, String>> headers =
        contentType == null ? List.of() : List.of(Map.entry("Content-Type", contentType));
    return new FuzzCase(index, label, method, uri, headers, body, false, null);
  }

  /** A watch: read up to its status, then dropped. */
  static FuzzCase watch(int index, String uri) {
    return new FuzzCase(index, "watch", HttpMethod.GET, uri, List.of(), null, true, null);
  }

  /** What to print when this case fails: enough to see it, short enough to read. */
  String describe() {
    String text =
        body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
    return "#"
        + index
        + " "
        + label
        + ": "
        + method
        + " "
        + abbreviate(uri)
        + " "
        + headers.stream().map(h -> h.getKey() + ": " + abbreviate(h.getValue())).toList()
        + (body == null ? "" : " body(" + body.length + " bytes)=" + text.replace("\n", "\\n"))
        + (raw == null
            ? ""
            : " raw=" + new String(raw, 0, Math.min(raw.length, 200), StandardCharsets.ISO_8859_1));
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "...(" + text.length() + " chars)" : text;
  }
}
