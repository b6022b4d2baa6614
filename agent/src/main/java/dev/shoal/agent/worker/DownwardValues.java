package dev.shoal.agent.worker;

import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Quantity;
import dev.shoal.manifests.model.ResourceFieldSelector;
import dev.shoal.manifests.validation.DownwardFieldRules;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/**
 * The downward API's values as kubelet gives them: a field of the pod ({@code metadata.name},
 * {@code status.podIP}, one label, all labels as {@code key="value"} lines, ...) and a container's
 * limit or request in units of a divisor, rounded up. A limit the container does not set is the
 * node's capacity; a request it does not set is its limit, else 0.
 */
final class DownwardValues {
  private DownwardValues() {}

  /** The value of {@code fieldPath} (validated) for {@code pod}; "" where the pod has none yet. */
  static String field(Pod pod, String fieldPath) {
    var meta = pod.metadata();
    String[] sub = DownwardFieldRules.subscript(fieldPath);
    if (sub != null) {
      Map<String, String> map =
          sub[0].equals("metadata.labels") ? meta.labelsOrEmpty() : annotations(pod);
      return map.getOrDefault(sub[1], "");
    }
    var status = pod.status();
    return switch (fieldPath) {
      case "metadata.name" -> meta.name();
      case "metadata.namespace" -> meta.namespaceOrDefault();
      case "metadata.uid" -> orEmpty(meta.uid());
      case "metadata.labels" -> formatMap(meta.labelsOrEmpty());
      case "metadata.annotations" -> formatMap(annotations(pod));
      case "spec.nodeName" -> orEmpty(pod.spec().nodeName());
      // Shoal has no service accounts: every pod runs as the one Kubernetes gives by default
      case "spec.serviceAccountName" -> "default";
      case "status.hostIP", "status.hostIPs" -> status == null ? "" : orEmpty(status.hostIP());
      case "status.podIP", "status.podIPs" -> status == null ? "" : orEmpty(status.podIP());
      default -> throw new IllegalArgumentException("unsupported fieldPath " + fieldPath);
    };
  }

  /**
   * {@code ref.resource} of the container {@code ref.containerName} (or {@code self} when it names
   * none) as a whole number of divisors.
   */
  static String resource(Pod pod, Container self, ResourceFieldSelector ref, NodeCapacity node) {
    Container c = self;
    if (ref.containerName() != null && !ref.containerName().isEmpty()) {
      c =
          pod.spec().allContainers().stream()
              .filter(x -> ref.containerName().equals(x.name()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "container " + ref.containerName() + " not found in the pod"));
    }
    String[] parts = ref.resource().split("\\.", 2);
    String name = parts[1];
    Map<String, String> limits =
        c.resources() == null || c.resources().limits() == null ? Map.of() : c.resources().limits();
    Map<String, String> requests =
        c.resources() == null || c.resources().requests() == null
            ? Map.of()
            : c.resources().requests();
    BigDecimal amount;
    if (parts[0].equals("limits")) {
      amount = limits.containsKey(name) ? amount(limits.get(name)) : capacity(node, name);
    } else {
      String text = requests.containsKey(name) ? requests.get(name) : limits.get(name);
      amount = text == null ? BigDecimal.ZERO : amount(text);
    }
    BigDecimal divisor =
        ref.divisor() == null || ref.divisor().isEmpty() ? BigDecimal.ONE : amount(ref.divisor());
    if (name.equals("cpu")) {
      // kubelet divides thousandths by thousandths, each rounded up first
      amount = amount.movePointRight(3).setScale(0, RoundingMode.CEILING);
      divisor = divisor.movePointRight(3).setScale(0, RoundingMode.CEILING);
    } else {
      amount = amount.setScale(0, RoundingMode.CEILING);
      divisor = divisor.setScale(0, RoundingMode.CEILING);
    }
    return amount.divide(divisor, 0, RoundingMode.CEILING).toPlainString();
  }

  private static BigDecimal capacity(NodeCapacity node, String name) {
    return switch (name) {
      case "cpu" -> BigDecimal.valueOf(node.milliCpu()).movePointLeft(3);
      case "memory" -> BigDecimal.valueOf(node.memoryBytes());
      default -> BigDecimal.valueOf(node.ephemeralStorageBytes());
    };
  }

  private static BigDecimal amount(String text) {
    var parsed = Quantity.parse(text);
    if (!parsed.isOk()) {
      throw new IllegalArgumentException("bad quantity '" + text + "': " + parsed.error());
    }
    return parsed.value().amount();
  }

  private static Map<String, String> annotations(Pod pod) {
    return pod.metadata().annotations() == null ? Map.of() : pod.metadata().annotations();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** Kubernetes' file form of labels and annotations: sorted {@code key="value"} lines. */
  static String formatMap(Map<String, String> map) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(e.getKey()).append('=').append(quote(e.getValue()));
    }
    return out.toString();
  }

  /** A string in double quotes with Go's escapes ({@code %q}), as kubelet writes it. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case '\u0007' -> out.append("\\a");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\u000b' -> out.append("\\v");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
