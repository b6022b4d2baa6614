package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A repeating Event: how often it was seen and when last (a MicroTime). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventSeries(Integer count, Instant lastObservedTime) {}
