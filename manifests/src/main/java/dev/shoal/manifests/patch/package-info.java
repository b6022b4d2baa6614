/**
 * Patches of stored objects, as the Kubernetes API applies them: strategic merge patch (lists
 * merged by their upstream keys, with the {@code $patch}, {@code $setElementOrder}, {@code
 * $deleteFromPrimitiveList} and {@code $retainKeys} directives), JSON patch (RFC 6902) and JSON
 * merge patch (RFC 7386). Pure: trees in, trees out; {@link dev.shoal.manifests.patch.PatchRules}
 * is the one table of list merge keys, read by the patcher and by the OpenAPI schemas.
 */
package dev.shoal.manifests.patch;
