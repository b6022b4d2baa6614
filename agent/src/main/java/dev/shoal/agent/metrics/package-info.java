/**
 * Resource metrics: each agent samples its own pods' containers and its host from the kernel's
 * files, and any node serves them as {@code metrics.k8s.io/v1beta1} (for {@code kubectl top}) and
 * as {@link dev.shoal.agent.metrics.PodMetricsSource} (for the autoscaler on the leader).
 *
 * <p>Flow: {@link dev.shoal.agent.metrics.MetricsSampler} ticks every interval on the injected
 * timer; {@link dev.shoal.agent.metrics.RuntimeTargets} says which containers run here (the
 * engine's list, asked again only after a container event or every few seconds); {@link
 * dev.shoal.agent.metrics.Sampling} reads, on a worker thread, three cgroup files per container
 * (kept open, one {@code pread} each: see {@link dev.shoal.agent.metrics.ContainerCgroup}) and
 * {@code /proc/stat} and {@code /proc/meminfo}, and turns the CPU counters into rates over the
 * window ({@link dev.shoal.agent.metrics.UsageWindow}). Where the files are comes from Docker's
 * cgroup driver and version and {@code /proc/self/mountinfo} ({@link
 * dev.shoal.agent.metrics.CgroupLayout}), and for each container from its process's {@code
 * /proc/PID/cgroup}.
 *
 * <p>Sharing: each node writes its newest {@link dev.shoal.agent.metrics.NodeSample} (host and all
 * its pods, one entry) to a {@link dev.shoal.agent.metrics.SampleShare}, in the cluster a Hazelcast
 * map of its own with a time to live and no listeners. Chosen over fanning every read out to every
 * node through the API: the autoscaler on the leader reads it with no HTTP, no caller token and no
 * per-node timeouts; a list is one local-or-near map read whatever the cluster's size; a node that
 * stopped drops out by itself; and it costs one small write per node per interval, which wakes no
 * watcher because none is registered there (the object store is never written).
 */
package dev.shoal.agent.metrics;
