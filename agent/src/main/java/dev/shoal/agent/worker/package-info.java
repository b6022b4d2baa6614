/**
 * The per-node pod worker: reconciles the pods bound to this node against the containers the
 * runtime has (sandbox, init containers in order, app containers with restart back-off, probes,
 * graceful deletion, adoption after a restart, Secrets, ConfigMaps and the downward API as files
 * and environment through {@link dev.shoal.agent.worker.PodConfig}, files swapped atomically by
 * {@link dev.shoal.agent.worker.AtomicDir}) and writes pod status back through {@link
 * dev.shoal.agent.worker.PodHost}. {@link dev.shoal.agent.worker.PodPlanner} and {@link
 * dev.shoal.agent.worker.PodStatusBuilder} are pure; {@link dev.shoal.agent.worker.PodWorker} does
 * the I/O.
 */
package dev.shoal.agent.worker;
