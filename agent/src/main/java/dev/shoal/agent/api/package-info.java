/**
 * The HTTP API: parse the request ({@link dev.shoal.agent.api.ApiPath}, bodies), admit it, store it
 * ({@link dev.shoal.agent.api.ResourceService}), answer JSON or a Kubernetes Status.
 */
package dev.shoal.agent.api;
