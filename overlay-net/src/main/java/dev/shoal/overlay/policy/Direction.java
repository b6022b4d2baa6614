package dev.shoal.overlay.policy;

/** The two sides of a connection a policy can judge, spelled as in {@code policyTypes}. */
public enum Direction {
  INGRESS("Ingress"),
  EGRESS("Egress");

  private final String kubernetes;

  Direction(String kubernetes) {
    this.kubernetes = kubernetes;
  }

  public String kubernetes() {
    return kubernetes;
  }
}
