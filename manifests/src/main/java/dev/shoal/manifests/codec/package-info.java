/**
 * Reading and writing manifests: YAML or JSON, one or many documents, unknown fields reported as
 * warnings.
 */
package dev.shoal.manifests.codec;
