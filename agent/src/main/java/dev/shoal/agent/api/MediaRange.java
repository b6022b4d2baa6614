package dev.shoal.agent.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One entry of an {@code Accept} header, e.g. {@code application/json;as=Table;v=v1;g=meta.k8s.io}:
 * the media type and its parameters. Kubernetes clients name the form of the answer they want in
 * the parameters (a Table, aggregated discovery); entries are kept in the client's order.
 */
record MediaRange(String type, Map<String, String> parameters) {

  /** The entries of {@code header} in order; none for a missing header. */
  static List<MediaRange> parseAll(String header) {
    List<MediaRange> ranges = new ArrayList<>();
    if (header == null || header.isBlank()) {
      return ranges;
    }
    for (String entry : header.split(",")) {
      String[] parts = entry.split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      if (type.isEmpty()) {
        continue;
      }
      Map<String, String> parameters = new LinkedHashMap<>();
      for (int i = 1; i < parts.length; i++) {
        String[] pair = parts[i].split("=", 2);
        if (pair.length == 2) {
          parameters.put(pair[0].trim().toLowerCase(Locale.ROOT), unquote(pair[1].trim()));
        }
      }
      ranges.add(new MediaRange(type, Map.copyOf(parameters)));
    }
    return ranges;
  }

  /** A plain JSON answer satisfies this entry: JSON or a wildcard, asking for no special form. */
  boolean acceptsPlainJson() {
    boolean json =
        type.equals("application/json") || type.equals("application/*") || type.equals("*/*");
    return json && !parameters.containsKey("as");
  }

  /** This entry asks for JSON of the kind {@code as} in API group {@code group}. */
  boolean asksFor(String as, String group) {
    return type.equals("application/json")
        && as.equalsIgnoreCase(parameters.getOrDefault("as", ""))
        && group.equalsIgnoreCase(parameters.getOrDefault("g", ""));
  }

  String version() {
    return parameters.getOrDefault("v", "");
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }
}
