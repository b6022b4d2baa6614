/**
 * The StatefulSet controller (leader only): pods with stable names ({@code web-0}, {@code web-1},
 * ...), hostnames under the governing service, a claim of their own per claim template, created in
 * order and removed from the highest ordinal down (OrderedReady) or all at once (Parallel), and
 * replaced revision by revision ({@link dev.shoal.agent.controllers.stateful.StatefulRevisions},
 * ControllerRevision objects as upstream). {@link
 * dev.shoal.agent.controllers.stateful.StatefulSetPlanner} is pure: (set, pods, claims, revisions,
 * now) to a plan; {@link dev.shoal.agent.controllers.stateful.StatefulSetController} does the
 * writes. A pod is never created while an object of its name exists, so a pod of a lost node is
 * only replaced once it is known gone (Kubernetes' at-most-one guarantee).
 */
package dev.shoal.agent.controllers.stateful;
