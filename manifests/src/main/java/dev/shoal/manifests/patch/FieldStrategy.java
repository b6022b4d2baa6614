package dev.shoal.manifests.patch;

/**
 * How a strategic merge patch treats one field, as upstream's {@code patchStrategy} and {@code
 * patchMergeKey} struct tags say: {@code merge} lists are merged (lists of objects by {@code
 * mergeKey}, lists of scalars as sets), {@code retainKeys} drops the keys a patch does not list,
 * anything else is replaced whole.
 */
public record FieldStrategy(boolean merge, boolean retainKeys, String mergeKey) {

  /** The default: the patch's value replaces the stored one. */
  public static final FieldStrategy REPLACE = new FieldStrategy(false, false, null);

  static FieldStrategy mergeBy(String mergeKey) {
    return new FieldStrategy(true, false, mergeKey);
  }

  static FieldStrategy mergeScalars() {
    return new FieldStrategy(true, false, null);
  }

  /** Upstream's {@code x-kubernetes-patch-strategy} value, or null for the default. */
  public String openApiStrategy() {
    if (merge && retainKeys) {
      return "merge,retainKeys";
    }
    return merge ? "merge" : retainKeys ? "retainKeys" : null;
  }
}
