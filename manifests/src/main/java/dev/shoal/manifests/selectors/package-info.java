/**
 * Label selectors with Kubernetes semantics: the string form, matchLabels and matchExpressions,
 * compiled once.
 */
package dev.shoal.manifests.selectors;
