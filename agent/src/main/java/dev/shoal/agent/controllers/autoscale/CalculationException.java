package dev.shoal.agent.controllers.autoscale;

/** Why a metric gave no replica count; the message is upstream's wording. */
public final class CalculationException extends Exception {
  public CalculationException(String message) {
    super(message, null, false, false);
  }
}
