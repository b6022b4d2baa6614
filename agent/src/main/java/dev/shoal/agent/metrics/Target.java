package dev.shoal.agent.metrics;

/** A container to sample: which pod and container of the spec it runs, and its cgroup. */
public record Target(String namespace, String pod, String container, ContainerCgroup cgroup) {}
