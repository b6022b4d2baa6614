package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A probe that succeeds when a TCP connection to the port opens. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TCPSocketAction(IntOrString port, String host) {}
