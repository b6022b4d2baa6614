/**
 * The VXLAN overlay between nodes, reconciled: {@link dev.shoal.overlay.vxlan.OverlayPlanner} is a
 * pure function from desired nodes and the observed kernel state to a list of {@link
 * dev.shoal.overlay.vxlan.OverlayAction}s; {@link dev.shoal.overlay.vxlan.OverlayReconciler}
 * observes, plans and applies them through a {@link dev.shoal.overlay.link.LinkManager}.
 */
package dev.shoal.overlay.vxlan;
