/**
 * Validation as Kubernetes does it: every rule returns {@link FieldError}s with the full field
 * path.
 */
package dev.shoal.manifests.validation;
