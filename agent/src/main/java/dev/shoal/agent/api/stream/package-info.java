/**
 * The streaming subresources of pods over WebSocket, as kubectl speaks them: the channel protocol
 * ({@code v5.channel.k8s.io}, {@code v4.channel.k8s.io}: one binary message per chunk, its first
 * byte the channel, 255 closing one) bridged to a container's process for exec and attach, and the
 * relay of such a WebSocket to the node that runs the pod. Nothing here knows the store: the API
 * package finds the pod and its node, then hands the upgraded socket over.
 */
package dev.shoal.agent.api.stream;
