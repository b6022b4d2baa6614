/** Shoal's API module: types ({@code model}), YAML/JSON codec, validation and label selectors. */
package dev.shoal.manifests;
