package dev.shoal.agent.runtime;

import java.util.List;

/**
 * A container's privileges as the engine applies them: every device and capability ({@code
 * privileged}), capabilities added to and dropped from the default set (names such as {@code
 * NET_ADMIN}, without {@code CAP_}), the user to run as (null: the image's), and a read-only root
 * filesystem.
 */
public record ContainerSecurity(
    boolean privileged,
    List<String> capAdd,
    List<String> capDrop,
    String user,
    boolean readOnlyRootfs) {

  /** The engine's defaults. */
  public static final ContainerSecurity DEFAULT =
      new ContainerSecurity(false, List.of(), List.of(), null, false);

  public ContainerSecurity {
    capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
    capDrop = capDrop == null ? List.of() : List.copyOf(capDrop);
  }
}
