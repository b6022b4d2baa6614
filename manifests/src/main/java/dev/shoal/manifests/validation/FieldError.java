package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.StatusCause;

/**
 * One thing wrong with a manifest, at a field path such as {@code
 * spec.containers[1].ports[0].containerPort} (empty for the whole document). The types and cause
 * reasons are Kubernetes' own.
 */
public record FieldError(String field, Type type, String message) {

  /** What kind of wrong; {@link #reason()} is the Kubernetes {@code StatusCause} reason. */
  public enum Type {
    REQUIRED("FieldValueRequired", "Required value"),
    INVALID("FieldValueInvalid", "Invalid value"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    TOO_LONG("FieldValueTooLong", "Too long"),
    FORBIDDEN("FieldValueForbidden", "Forbidden"),
    NOT_FOUND("FieldValueNotFound", "Not found");

    private final String reason;
    private final String summary;

    Type(String reason, String summary) {
      this.reason = reason;
      this.summary = summary;
    }

    public String reason() {
      return reason;
    }

    public String summary() {
      return summary;
    }
  }

  public static FieldError required(String field, String message) {
    return new FieldError(field, Type.REQUIRED, message);
  }

  public static FieldError invalid(String field, String message) {
    return new FieldError(field, Type.INVALID, message);
  }

  public static FieldError duplicate(String field, String message) {
    return new FieldError(field, Type.DUPLICATE, message);
  }

  public static FieldError notSupported(String field, String message) {
    return new FieldError(field, Type.NOT_SUPPORTED, message);
  }

  public static FieldError tooLong(String field, String message) {
    return new FieldError(field, Type.TOO_LONG, message);
  }

  public static FieldError forbidden(String field, String message) {
    return new FieldError(field, Type.FORBIDDEN, message);
  }

  public static FieldError notFound(String field, String message) {
    return new FieldError(field, Type.NOT_FOUND, message);
  }

  /** The cause as it goes into an {@code Invalid} {@link dev.shoal.manifests.model.Status}. */
  public StatusCause toCause() {
    return new StatusCause(
        type.reason(), type.summary() + ": " + message, field.isEmpty() ? null : field);
  }

  @Override
  public String toString() {
    return (field.isEmpty() ? "" : field + ": ") + message;
  }
}
