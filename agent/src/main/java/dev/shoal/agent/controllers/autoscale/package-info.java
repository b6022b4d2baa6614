/**
 * The horizontal pod autoscaler, ported rule for rule from upstream's podautoscaler: {@link
 * dev.shoal.agent.controllers.autoscale.ReplicaCalculator} turns pods and their metrics into a
 * replica count (tolerance, missing and unready pods by direction, the CPU initialization period),
 * {@link dev.shoal.agent.controllers.autoscale.ScalingBehavior} stabilizes and rate-limits it with
 * each autoscaler's recommendation and scale-event history, {@link
 * dev.shoal.agent.controllers.autoscale.HpaReconciler} decides status, conditions, events and the
 * new scale as a pure plan, and {@link
 * dev.shoal.agent.controllers.autoscale.HorizontalPodAutoscalerController} does the I/O on the
 * leader. Metrics come through {@link dev.shoal.agent.controllers.autoscale.ResourceMetricsSource},
 * the one point where a metrics pipeline plugs in.
 */
package dev.shoal.agent.controllers.autoscale;
