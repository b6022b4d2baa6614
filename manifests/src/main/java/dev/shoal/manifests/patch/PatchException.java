package dev.shoal.manifests.patch;

/**
 * A patch that cannot be applied, at the field path (or JSON pointer) where it went wrong. {@link
 * #malformed()} tells a patch document that is not a patch at all (a 400) from a well-formed one
 * that does not fit the object (a 422).
 */
public final class PatchException extends RuntimeException {
  private final String field;
  private final boolean malformed;

  PatchException(String field, String message, boolean malformed) {
    super(message);
    this.field = field;
    this.malformed = malformed;
  }

  static PatchException malformed(String field, String message) {
    return new PatchException(field, message, true);
  }

  static PatchException notApplicable(String field, String message) {
    return new PatchException(field, message, false);
  }

  public String field() {
    return field;
  }

  public boolean malformed() {
    return malformed;
  }

  /** {@code spec.template: message}, or the message alone at the root. */
  @Override
  public String toString() {
    return field.isEmpty() ? getMessage() : field + ": " + getMessage();
  }
}
