package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A group of addresses that all serve the same ports. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointSubset(
    List<EndpointAddress> addresses,
    List<EndpointAddress> notReadyAddresses,
    List<EndpointPort> ports) {}
