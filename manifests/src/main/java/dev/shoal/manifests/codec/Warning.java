package dev.shoal.manifests.codec;

/**
 * A field of a manifest that Shoal read past because it does not support it, at its path. The API
 * sends these back (as Kubernetes does with {@code Warning} headers) so nothing is dropped
 * silently.
 */
public record Warning(String field, String message) {

  static Warning unknownField(String field) {
    return new Warning(field, "ignored: Shoal does not support this field");
  }

  /**
   * For example {@code unknown field "spec.affinity" (ignored: Shoal does not support this field)}.
   */
  @Override
  public String toString() {
    return "unknown field \"" + field + "\" (" + message + ")";
  }
}
