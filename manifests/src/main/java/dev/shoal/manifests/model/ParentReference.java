package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The object an {@link IPAddress} belongs to: group ("" for core), resource (plural), namespace,
 * name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParentReference(String group, String resource, String namespace, String name) {

  public static ParentReference service(String namespace, String name) {
    return new ParentReference("", "services", namespace, name);
  }

  /** True when this points at the core-group Service {@code namespace/name}. */
  @JsonIgnore
  public boolean isService(String namespace, String name) {
    return (group == null || group.isEmpty())
        && "services".equals(resource)
        && java.util.Objects.equals(this.namespace, namespace)
        && java.util.Objects.equals(this.name, name);
  }
}
