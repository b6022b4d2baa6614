package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Who reported an Event: a component ({@code kubelet}, {@code default-scheduler}) on a host. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventSource(String component, String host) {}
