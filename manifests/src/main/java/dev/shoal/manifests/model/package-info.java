/**
 * The API types: immutable records with Kubernetes field names and shapes, one per kind and
 * sub-object.
 */
package dev.shoal.manifests.model;
