package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.ObjectFieldSelector;
import dev.shoal.manifests.model.Quantity;
import dev.shoal.manifests.model.ResourceFieldSelector;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The downward API's selectors as Kubernetes checks them: the pod fields an environment variable or
 * a file may read, and the container resources with the divisors each allows.
 */
public final class DownwardFieldRules {
  /** Fields an environment variable may read (besides one label or annotation). */
  public static final List<String> ENV_FIELDS =
      List.of(
          "metadata.name",
          "metadata.namespace",
          "metadata.uid",
          "spec.nodeName",
          "spec.serviceAccountName",
          "status.hostIP",
          "status.hostIPs",
          "status.podIP",
          "status.podIPs");

  /** Fields a downward API file may read (besides one label or annotation). */
  public static final List<String> VOLUME_FIELDS =
      List.of(
          "metadata.name",
          "metadata.namespace",
          "metadata.uid",
          "metadata.labels",
          "metadata.annotations");

  public static final List<String> RESOURCES =
      List.of(
          "limits.cpu",
          "limits.memory",
          "limits.ephemeral-storage",
          "requests.cpu",
          "requests.memory",
          "requests.ephemeral-storage");

  private static final Pattern SUBSCRIPT =
      Pattern.compile("(metadata\\.labels|metadata\\.annotations)\\['(.*)'\\]");
  private static final List<String> CPU_DIVISORS = List.of("1m", "1");
  private static final List<String> BYTE_DIVISORS =
      List.of("1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei");

  private DownwardFieldRules() {}

  /** The label or annotation a subscripted path reads ({@code metadata.labels['app']}), or null. */
  public static String[] subscript(String fieldPath) {
    Matcher m = fieldPath == null ? null : SUBSCRIPT.matcher(fieldPath);
    return m != null && m.matches() ? new String[] {m.group(1), m.group(2)} : null;
  }

  static void fieldRef(List<FieldError> errors, ObjectFieldSelector ref, String at, boolean file) {
    if (ref.apiVersion() != null && !ref.apiVersion().isEmpty() && !"v1".equals(ref.apiVersion())) {
      errors.add(
          FieldError.invalid(
              at + ".apiVersion", "\"" + ref.apiVersion() + "\": only v1 is supported"));
    }
    String path = ref.fieldPath();
    if (!Checks.present(path)) {
      errors.add(FieldError.required(at + ".fieldPath", "must be specified"));
      return;
    }
    String[] sub = subscript(path);
    if (sub != null) {
      String key = sub[1];
      List<String> problems =
          Names.qualifiedName(
              sub[0].equals("metadata.annotations") ? key.toLowerCase(Locale.ROOT) : key);
      for (String p : problems) {
        errors.add(FieldError.invalid(at + ".fieldPath", "\"" + key + "\": " + p));
      }
      return;
    }
    List<String> supported = file ? VOLUME_FIELDS : ENV_FIELDS;
    if (!supported.contains(path)) {
      errors.add(
          FieldError.notSupported(
              at + ".fieldPath",
              "\""
                  + path
                  + "\": supported values: "
                  + String.join(", ", supported.stream().map(s -> "\"" + s + "\"").toList())
                  + ", \"metadata.labels['<KEY>']\", \"metadata.annotations['<KEY>']\""));
    }
  }

  /**
   * {@code containers} are the pod's container names when the selector is in a file (which must
   * name its container), null in an environment variable (whose container is the default).
   */
  static void resourceFieldRef(
      List<FieldError> errors, ResourceFieldSelector ref, String at, Set<String> containers) {
    if (containers != null) {
      if (!Checks.present(ref.containerName())) {
        errors.add(FieldError.required(at + ".containerName", "must be specified"));
      } else if (!containers.contains(ref.containerName())) {
        errors.add(
            FieldError.notFound(
                at + ".containerName",
                "\"" + ref.containerName() + "\": not a container of this pod"));
      }
    }
    if (!Checks.present(ref.resource())) {
      errors.add(FieldError.required(at + ".resource", "must be specified"));
      return;
    }
    if (!RESOURCES.contains(ref.resource())) {
      errors.add(
          FieldError.notSupported(
              at + ".resource",
              "\""
                  + ref.resource()
                  + "\": supported values: "
                  + String.join(", ", RESOURCES.stream().map(s -> "\"" + s + "\"").toList())));
      return;
    }
    if (ref.divisor() == null || ref.divisor().isEmpty()) {
      return;
    }
    Quantity divisor = Checks.quantity(errors, at + ".divisor", ref.divisor());
    if (divisor == null) {
      return;
    }
    boolean cpu = ref.resource().endsWith(".cpu");
    List<String> allowed = cpu ? CPU_DIVISORS : BYTE_DIVISORS;
    if (allowed.stream().noneMatch(d -> same(d, divisor))) {
      String what =
          cpu ? "cpu" : ref.resource().endsWith(".memory") ? "memory" : "local ephemeral storage";
      errors.add(
          FieldError.invalid(
              at + ".divisor",
              "\""
                  + ref.divisor()
                  + "\": only divisor's values "
                  + String.join(", ", allowed)
                  + " are supported with the "
                  + what
                  + " resource"));
    }
  }

  private static boolean same(String allowed, Quantity divisor) {
    BigDecimal a = Quantity.parse(allowed).value().amount();
    return a.compareTo(divisor.amount()) == 0;
  }
}
