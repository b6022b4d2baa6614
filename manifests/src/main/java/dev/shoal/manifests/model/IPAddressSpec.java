package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What an {@link IPAddress} is claimed for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IPAddressSpec(ParentReference parentRef) {}
