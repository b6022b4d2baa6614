package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Linux capabilities (e.g. {@code NET_ADMIN}) added to and dropped from a container's default set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Capabilities(List<String> add, List<String> drop) {

  public List<String> addOrEmpty() {
    return add == null ? List.of() : add;
  }

  public List<String> dropOrEmpty() {
    return drop == null ? List.of() : drop;
  }
}
