package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** What an autoscaler last observed and decided, with Kubernetes' field names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HorizontalPodAutoscalerStatus(
    Long observedGeneration,
    Instant lastScaleTime,
    Integer currentReplicas,
    Integer desiredReplicas,
    List<MetricStatus> currentMetrics,
    List<HorizontalPodAutoscalerCondition> conditions) {}
