package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Which object a failure is about, and the individual causes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusDetails(
    String name, String group, String kind, List<StatusCause> causes, Integer retryAfterSeconds) {

  static StatusDetails of(String group, String kind, String name) {
    return new StatusDetails(name, group, kind, null, null);
  }
}
