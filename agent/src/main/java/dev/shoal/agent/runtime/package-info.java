/**
 * The container runtime port of the node agent: what the pod worker asks of a container engine
 * (sandboxes, containers joining them, stop/remove/inspect/exec/logs), as records and Futures, with
 * no engine types; logs as a back-pressured {@link dev.shoal.agent.runtime.LogStream}, and {@link
 * dev.shoal.agent.runtime.ContainerLogs} to find a pod container's log on this node; {@code docker}
 * implements it on docker-java.
 */
package dev.shoal.agent.runtime;
