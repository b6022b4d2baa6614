/**
 * OpenAPI v3 schemas of the API's kinds, generated from the model's records (one walk over their
 * components, no hand-written schema), with the Kubernetes extensions kubectl reads: {@code
 * x-kubernetes-group-version-kind} and the strategic merge keys of {@link
 * dev.shoal.manifests.patch.PatchRules}.
 */
package dev.shoal.manifests.openapi;
