package dev.shoal.agent.runtime;

/** The labels Shoal puts on every container it makes, so that a restarted agent can adopt them. */
public final class ShoalLabels {
  /** Present (value "true") on every Shoal container; listing filters on it. */
  public static final String MANAGED = "dev.shoal.managed";

  /**
   * The node (agent) that made the container; an agent only ever touches its own node's containers.
   */
  public static final String NODE = "dev.shoal.node";

  public static final String POD_UID = "dev.shoal.pod.uid";
  public static final String POD_NAMESPACE = "dev.shoal.pod.namespace";
  public static final String POD_NAME = "dev.shoal.pod.name";

  /** The container's name in the pod spec, or {@link #SANDBOX} for the sandbox. */
  public static final String CONTAINER = "dev.shoal.container";

  /** "sandbox", "init" or "app". */
  public static final String CONTAINER_KIND = "dev.shoal.container.kind";

  /**
   * A hash of the container's spec: a different hash means the spec changed and the container is
   * replaced.
   */
  public static final String CONTAINER_HASH = "dev.shoal.container.hash";

  /** How many times this container was restarted before this instance (0 for the first). */
  public static final String RESTART_COUNT = "dev.shoal.container.restart-count";

  /** The termination grace period the container was created with, in seconds. */
  public static final String GRACE_SECONDS = "dev.shoal.container.grace-seconds";

  /**
   * On app and init containers: the sandbox they joined; a container of a replaced sandbox is
   * stopped.
   */
  public static final String SANDBOX_ID = "dev.shoal.sandbox.id";

  public static final String SANDBOX = "POD";

  private ShoalLabels() {}
}
