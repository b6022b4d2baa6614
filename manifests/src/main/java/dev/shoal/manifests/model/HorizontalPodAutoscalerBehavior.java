package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The scaling rules of an autoscaler, one set per direction. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HorizontalPodAutoscalerBehavior(HPAScalingRules scaleUp, HPAScalingRules scaleDown) {}
