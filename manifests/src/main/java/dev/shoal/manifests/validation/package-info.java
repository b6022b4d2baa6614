/** Validation as Kubernetes does it: every rule returns {@link dev.shoal.manifests.validation.FieldError}s with the field path. */
package dev.shoal.manifests.validation;
