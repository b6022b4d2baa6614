package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One backend address of a service, normally a pod IP with a reference to the pod. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointAddress(
    String ip, String hostname, String nodeName, ObjectReference targetRef) {}
