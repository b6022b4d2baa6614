package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A mark on a node that repels pods: effect NoSchedule, PreferNoSchedule or NoExecute. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Taint(String key, String value, String effect, Instant timeAdded) {}
