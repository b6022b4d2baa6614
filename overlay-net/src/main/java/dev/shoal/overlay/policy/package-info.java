/**
 * NetworkPolicy as Kubernetes defines it (networking.k8s.io/v1), pure: {@link
 * dev.shoal.overlay.policy.PolicyEvaluator} turns Namespaces, Pods ({@link
 * dev.shoal.overlay.policy.PolicyPod}) and NetworkPolicies into what each pod allows per direction
 * ({@link dev.shoal.overlay.policy.PodPolicy}: the policies that isolate it and boxes of allowed
 * peer addresses, protocols and ports, named ports resolved per destination pod); {@link
 * dev.shoal.overlay.policy.PolicyEvaluator#check} judges one connection (the {@code explain}
 * answer); {@link dev.shoal.overlay.policy.AllowElements} flattens the boxes into the disjoint
 * elements an nftables interval set takes; {@link dev.shoal.overlay.policy.PolicyTablePart} is the
 * part of the {@code inet shoal} table that enforces them for one node's pods.
 */
package dev.shoal.overlay.policy;
