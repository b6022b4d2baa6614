package dev.shoal.agent.api;

import dev.shoal.manifests.model.Status;

/** A request the API refuses, with the Kubernetes Status to answer it with. Expected, so no stack trace. */
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
}
