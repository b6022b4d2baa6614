package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where an environment variable's value comes from; Shoal supports a key of a secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvVarSource(SecretKeySelector secretKeyRef) {}
