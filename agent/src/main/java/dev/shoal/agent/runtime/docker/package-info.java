/**
 * {@link dev.shoal.agent.runtime.ContainerRuntime} on docker-java (httpclient5 transport, API
 * pinned to at most 1.41): the only package that imports docker-java; every call runs on a pool of
 * its own ({@code EngineCalls}) under a deadline that ends the call and frees its thread, on one
 * client with a transport response timeout for quick calls and one without for streams and stops.
 */
package dev.shoal.agent.runtime.docker;
