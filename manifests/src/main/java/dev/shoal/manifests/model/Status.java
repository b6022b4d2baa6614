package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The body of an API error (or of a plain success), shaped like Kubernetes' {@code Status} so
 * kubectl and client libraries understand it. Build one with the factory for its reason; {@link
 * #code()} is the HTTP status.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "status", "message", "reason", "details", "code"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind", "metadata"},
    allowGetters = true)
public record Status(
    String status, String message, String reason, StatusDetails details, Integer code) {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Status";
  public static final String SUCCESS = "Success";
  public static final String FAILURE = "Failure";

  @JsonProperty("apiVersion")
  public String apiVersion() {
    return API_VERSION;
  }

  @JsonProperty("kind")
  public String kind() {
    return KIND;
  }

  @JsonIgnore
  public boolean isSuccess() {
    return SUCCESS.equals(status);
  }

  public static Status success() {
    return new Status(SUCCESS, null, null, null, 200);
  }

  /** {@code resource} is the plural, e.g. {@code pods}; {@code group} is "" for the core group. */
  public static Status notFound(String group, String resource, String name) {
    return failure(
        qualified(group, resource) + " \"" + name + "\" not found",
        "NotFound",
        StatusDetails.of(group, resource, name),
        404);
  }

  public static Status alreadyExists(String group, String resource, String name) {
    return failure(
        qualified(group, resource) + " \"" + name + "\" already exists",
        "AlreadyExists",
        StatusDetails.of(group, resource, name),
        409);
  }

  /** A write based on a stale {@code resourceVersion} (or otherwise racing another write). */
  public static Status conflict(String group, String resource, String name, String why) {
    return failure(
        "Operation cannot be fulfilled on "
            + qualified(group, resource)
            + " \""
            + name
            + "\": "
            + why,
        "Conflict",
        StatusDetails.of(group, resource, name),
        409);
  }

  /**
   * A manifest that failed validation; {@code kind} is the kind (e.g. {@code Pod}), one cause per
   * field error.
   */
  public static Status invalid(String group, String kind, String name, List<StatusCause> causes) {
    String list =
        causes.stream()
            .map(c -> c.field() == null ? c.message() : c.field() + ": " + c.message())
            .collect(Collectors.joining(", "));
    String summary = causes.size() == 1 ? list : "[" + list + "]";
    return failure(
        kind + " \"" + (name == null ? "" : name) + "\" is invalid: " + summary,
        "Invalid",
        new StatusDetails(name, group, kind, List.copyOf(causes), null),
        422);
  }

  public static Status badRequest(String message) {
    return failure(message, "BadRequest", null, 400);
  }

  public static Status requestEntityTooLarge(long limitBytes) {
    return failure(
        "the request body is larger than the limit of " + limitBytes + " bytes",
        "RequestEntityTooLarge",
        null,
        413);
  }

  public static Status unsupportedMediaType(String contentType) {
    return failure(
        "the body of the request was in an unknown format - accepted media types include: "
            + "application/json, application/yaml, application/merge-patch+json (got "
            + contentType
            + ")",
        "UnsupportedMediaType",
        null,
        415);
  }

  public static Status methodNotAllowed(String method) {
    return failure(
        "the server does not allow this method on the requested resource (" + method + ")",
        "MethodNotAllowed",
        null,
        405);
  }

  public static Status internalError(String message) {
    return failure("Internal error occurred: " + message, "InternalError", null, 500);
  }

  /** For example: the cluster store cannot be reached or has no leader yet. */
  public static Status serviceUnavailable(String message) {
    return failure(message, "ServiceUnavailable", null, 503);
  }

  private static Status failure(String message, String reason, StatusDetails details, int code) {
    return new Status(FAILURE, message, reason, details, code);
  }

  private static String qualified(String group, String resource) {
    return group == null || group.isEmpty() ? resource : resource + "." + group;
  }
}
