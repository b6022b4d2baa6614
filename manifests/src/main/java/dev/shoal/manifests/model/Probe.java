package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A readiness or liveness check: exactly one handler plus timing. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Probe(
    ExecAction exec,
    TCPSocketAction tcpSocket,
    HTTPGetAction httpGet,
    Integer initialDelaySeconds,
    Integer periodSeconds,
    Integer timeoutSeconds,
    Integer failureThreshold,
    Integer successThreshold) {}
