package dev.shoal.agent.controllers.storage;

import dev.shoal.manifests.model.PersistentVolume;

/** The names Shoal's node-local storage goes by. */
public final class LocalStorage {

  /** The provisioner of Shoal's own class. */
  public static final String PROVISIONER = "shoal.dev/local";

  /** The class the leader makes at start, marked default. */
  public static final String DEFAULT_CLASS = "local";

  /** Upstream's annotation naming the provisioner that made a volume. */
  public static final String PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";

  /** Upstream's annotation on a claim the controller has bound. */
  public static final String BIND_COMPLETED = "pv.kubernetes.io/bind-completed";

  public static final String PVC_PROTECTION = "kubernetes.io/pvc-protection";
  public static final String PV_PROTECTION = "kubernetes.io/pv-protection";

  private LocalStorage() {}

  /** Whether Shoal's provisioner made the volume (so a node may delete its directory). */
  public static boolean provisionedHere(PersistentVolume pv) {
    return PROVISIONER.equals(pv.metadata().annotationsOrEmpty().get(PROVISIONED_BY));
  }
}
