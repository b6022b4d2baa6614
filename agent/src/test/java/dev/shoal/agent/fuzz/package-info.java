/**
 * A seeded fuzz run against a real API server: random and mutated manifests, hostile YAML and odd
 * requests, checking that every answer is a 2xx or a 4xx Kubernetes Status and that the node stays
 * healthy.
 */
package dev.shoal.agent.fuzz;
