package dev.shoal.agent.addresses;

import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.validation.FieldError;

/**
 * What {@link ServiceAddresses#assign} decided: the service with its addresses filled in, or why
 * not.
 */
public sealed interface AddressResult {

  /** The service to store: ClusterIP (and nodePorts) set and claimed. */
  record Assigned(Service service) implements AddressResult {}

  /**
   * Nothing was claimed; the error names the field ({@code spec.clusterIP}, {@code
   * spec.ports[0].nodePort}).
   */
  record Refused(FieldError error) implements AddressResult {}
}
