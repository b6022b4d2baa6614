package dev.shoal.agent.runtime;

/** A host directory or file mounted into a container. */
public record BindMount(String hostPath, String containerPath, boolean readOnly) {}
