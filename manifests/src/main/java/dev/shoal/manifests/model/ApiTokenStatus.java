package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Only in the answer to a create: the bearer token to give the client. Never stored. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiTokenStatus(String token) {}
