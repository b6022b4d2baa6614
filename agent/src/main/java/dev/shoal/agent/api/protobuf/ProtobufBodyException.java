package dev.shoal.agent.api.protobuf;

/** A protobuf body that is not a Kubernetes object this API can read; the message says why. */
public final class ProtobufBodyException extends Exception {
  public ProtobufBodyException(String message) {
    super(message, null, false, false);
  }
}
