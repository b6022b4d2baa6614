package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.shoal.manifests.codec.MicroTime;
import java.time.Instant;

/** A repeating Event: how often it was seen and when last (a MicroTime). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventSeries(
    Integer count, @JsonSerialize(using = MicroTime.class) Instant lastObservedTime) {}
