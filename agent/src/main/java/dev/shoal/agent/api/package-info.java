/**
 * The HTTP API: parse the request ({@link dev.shoal.agent.api.ApiPath}, bodies), admit it, store it
 * ({@link dev.shoal.agent.api.ResourceService}), answer JSON or a Kubernetes Status. What lives on
 * another node (a pod's log) is forwarded to that node's API by {@link
 * dev.shoal.agent.api.NodeForwarder}.
 */
package dev.shoal.agent.api;
