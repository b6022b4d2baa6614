package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Namespace spec: Kubernetes only has finalizers here. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NamespaceSpec(List<String> finalizers) {}
