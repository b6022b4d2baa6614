package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A container's privileges: {@code privileged} (every device and capability of the host),
 * capabilities added to or dropped from the engine's default set, the user id the process runs as,
 * a read-only root filesystem. Privileges beyond the default need a namespace allowed host access.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecurityContext(
    Boolean privileged,
    Capabilities capabilities,
    Long runAsUser,
    Boolean readOnlyRootFilesystem) {}
