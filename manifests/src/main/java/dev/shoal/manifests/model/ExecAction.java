package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A probe that runs a command in the container; exit code 0 is success. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecAction(List<String> command) {}
