/**
 * Persistent volumes on node-local directories. On the leader, {@link
 * dev.shoal.agent.controllers.storage.VolumeController} gives claims without a class the default
 * class, marks a volume Released once its claim is gone, and lifts the protection finalizers when
 * nothing uses a claim (no pod that has not finished) or a volume (no claim bound); {@link
 * dev.shoal.agent.controllers.storage.DefaultStorageClass} makes the default class at start. On
 * every node, {@link dev.shoal.agent.controllers.storage.LocalProvisioner} makes the volume of a
 * claim the scheduler placed on this node (a directory under {@code <dataDir>/volumes/}, a
 * PersistentVolume with node affinity to this node, the claim bound to it) and removes the
 * directory and the volume of a released volume whose policy is Delete.
 */
package dev.shoal.agent.controllers.storage;
