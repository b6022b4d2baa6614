package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Facts about the node's host. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeSystemInfo(
    String machineID,
    String kernelVersion,
    String osImage,
    String containerRuntimeVersion,
    String kubeletVersion,
    String operatingSystem,
    String architecture) {}
