package dev.shoal.agent.api;

import dev.shoal.manifests.model.Status;
import dev.shoal.manifests.model.StatusDetails;
import dev.shoal.manifests.validation.FieldError;
import java.util.List;

/**
 * A request the API refuses, with the Kubernetes Status to answer it with. Expected, so no stack
 * trace.
 */
public final class ApiError extends RuntimeException {

  private final Status status;

  public ApiError(Status status) {
    super(status.message(), null, false, false);
    this.status = status;
  }

  public Status status() {
    return status;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(Status.badRequest(message));
  }

  /** A 400 about one field of the body, which the Status names in its causes. */
  public static ApiError badField(String field, String message) {
    return new ApiError(
        new Status(
            Status.FAILURE,
            message,
            "BadRequest",
            new StatusDetails(
                null, null, null, List.of(FieldError.invalid(field, message).toCause()), null),
            400));
  }
}
