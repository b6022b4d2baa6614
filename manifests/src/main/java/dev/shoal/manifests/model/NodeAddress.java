package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An address of a node: type InternalIP, ExternalIP or Hostname. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeAddress(String type, String address) {}
