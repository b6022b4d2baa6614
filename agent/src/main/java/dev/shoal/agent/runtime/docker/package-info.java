/**
 * {@link dev.shoal.agent.runtime.ContainerRuntime} on docker-java (httpclient5 transport, API pinned to
 * at most 1.41): the only package that imports docker-java; every call runs on a worker pool with a timeout.
 */
package dev.shoal.agent.runtime.docker;
